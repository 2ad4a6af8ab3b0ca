#!/usr/bin/env python3
"""Writes prometheus-rules/prometheusrule.yaml from balance-rules.yaml: python3 prometheus-rules/generate.py
(needs PyYAML). PrometheusRulesTest checks that both hold the same groups."""
import os
import yaml

os.chdir(os.path.dirname(os.path.abspath(__file__)))
groups = yaml.safe_load(open("balance-rules.yaml"))["groups"]
yaml.add_representer(str, lambda d, s: d.represent_scalar("tag:yaml.org,2002:str", s, style="|" if "\n" in s else None))
doc = {"apiVersion": "monitoring.coreos.com/v1", "kind": "PrometheusRule",
       "metadata": {"name": "balance", "labels": {"app.kubernetes.io/name": "balance", "app.kubernetes.io/part-of": "balance",
                                                  "release": "prometheus"}},
       "spec": {"groups": groups}}
with open("prometheusrule.yaml", "w") as f:
    f.write("# The alerts of balance-rules.yaml as a prometheus-operator PrometheusRule:\n"
            "#   kubectl apply -n monitoring -f prometheus-rules/prometheusrule.yaml\n"
            "# The `release: prometheus` label matches kube-prometheus-stack's default ruleSelector; change it\n"
            "# to whatever your Prometheus selects. Generated from balance-rules.yaml (python3 prometheus-rules/generate.py; PrometheusRulesTest keeps both equal).\n")
    yaml.dump(doc, f, sort_keys=False, width=200)
