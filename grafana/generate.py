#!/usr/bin/env python3
"""Writes grafana/balance-dashboard.json and its sidecar ConfigMap: python3 grafana/generate.py (needs PyYAML).
DashboardTest keeps the two files equal; MetricNamesTest checks every metric name used here."""
import os
os.chdir(os.path.dirname(os.path.abspath(__file__)))
import json, yaml
S = 'namespace="$namespace", app_kubernetes_io_instance=~"$balanceproxy"'
panels = []
def panel(title, unit, targets, x, y, w=12, h=8, kind="timeseries", desc="", extra=None):
    p = {"id": len(panels) + 1, "type": kind, "title": title, "description": desc,
         "datasource": {"type": "prometheus", "uid": "${datasource}"},
         "gridPos": {"x": x, "y": y, "w": w, "h": h},
         "fieldConfig": {"defaults": {"unit": unit}, "overrides": []},
         "options": {"legend": {"displayMode": "list", "placement": "bottom", "showLegend": True}, "tooltip": {"mode": "multi", "sort": "desc"}},
         "targets": [{"refId": chr(65 + i), "expr": e, "legendFormat": l, "datasource": {"type": "prometheus", "uid": "${datasource}"}} for i, (e, l) in enumerate(targets)]}
    if extra:
        p["fieldConfig"]["defaults"].update(extra)
    panels.append(p)
def row(title, y):
    panels.append({"id": len(panels) + 1, "type": "row", "title": title, "collapsed": False, "gridPos": {"x": 0, "y": y, "w": 24, "h": 1}, "panels": []})

row("Traffic", 0)
panel("Request rate by status code", "reqps", [(f'sum by (code) (rate(balance_http_requests_total{{{S}}}[5m]))', "{{code}}")], 0, 1,
      desc="balance_http_requests_total: every HTTP answer, by status code (backend none: answered by the proxy itself)")
panel("Latency p50 / p95 / p99", "s", [
    (f'histogram_quantile(0.50, sum by (le) (rate(balance_http_request_duration_seconds_bucket{{{S}}}[5m])))', "p50"),
    (f'histogram_quantile(0.95, sum by (le) (rate(balance_http_request_duration_seconds_bucket{{{S}}}[5m])))', "p95"),
    (f'histogram_quantile(0.99, sum by (le) (rate(balance_http_request_duration_seconds_bucket{{{S}}}[5m])))', "p99")], 12, 1,
      desc="balance_http_request_duration_seconds; the BalanceHighLatencyP99 alert fires above 1 s")
panel("Error ratio (5xx / all)", "percentunit", [
    (f'sum(rate(balance_http_requests_total{{{S}, code=~"5.."}}[5m])) / sum(rate(balance_http_requests_total{{{S}}}[5m]))', "5xx ratio")], 0, 9,
      desc="The BalanceHighErrorRate alert fires above 5%", extra={"min": 0})
panel("Active connections", "short", [(f'sum by (pod) (balance_active_connections{{{S}}})', "{{pod}}")], 12, 9,
      desc="balance_active_connections: open client connections per proxy pod")
panel("Rejected requests by reason", "reqps", [(f'sum by (reason) (rate(balance_rejected_requests_total{{{S}}}[5m])) > 0', "{{reason}}")], 0, 17,
      desc="balance_rejected_requests_total: requests the proxy answered itself (limits, timeouts, malformed requests, no backend)")
panel("Bytes by direction", "Bps", [(f'sum by (direction) (rate(balance_bytes_total{{{S}}}[5m]))', "{{direction}}")], 12, 17)
row("Backends and resilience", 25)
panel("Backend health (1 healthy, 0 down)", "short", [(f'min by (backend) (balance_backend_healthy{{{S}}})', "{{backend}}")], 0, 26,
      desc="balance_backend_healthy: 0 when unhealthy (active checks), ejected (passive checks) or draining", extra={"min": 0, "max": 1})
panel("Circuit breaker state (0 closed, 1 open, 2 half-open)", "short", [(f'max by (backend) (balance_circuit_breaker_state{{{S}}})', "{{backend}}")], 12, 26,
      extra={"min": 0, "max": 2})
panel("Retries by backend", "reqps", [(f'sum by (backend) (rate(balance_backend_retries_total{{{S}}}[5m]))', "{{backend}}")], 0, 34,
      desc="balance_backend_retries_total; the BalanceHighRetryRate alert fires above 10% of requests")
panel("Endpoint sync lag (operator)", "s", [('max(balance_operator_endpoint_sync_lag_seconds)', "lag")], 12, 34, w=6,
      desc="balance_operator_endpoint_sync_lag_seconds: how late endpoint changes reach proxy pods (operator-wide, not filtered by the variables)")
panel("BalanceProxies by condition (operator)", "short", [('max by (condition) (balance_operator_proxies)', "{{condition}}")], 18, 34, w=6,
      desc="balance_operator_proxies: BalanceProxies whose condition is True (operator-wide, not filtered by the variables)")
row("JVM and event loops", 42)
panel("JVM heap", "bytes", [(f'sum by (pod) (jvm_memory_used_bytes{{{S}, area="heap"}})', "used {{pod}}"),
                            (f'sum by (pod) (jvm_memory_max_bytes{{{S}, area="heap"}} > 0)', "max {{pod}}")], 0, 43)
panel("GC pause time per second", "s", [(f'sum by (pod, gc) (rate(jvm_gc_pause_seconds_sum{{{S}}}[5m]))', "{{pod}} {{gc}}"),
                                         (f'sum by (pod) (rate(jvm_gc_pause_seconds_count{{{S}}}[5m]))', "pauses/s {{pod}}")], 12, 43)
panel("Event-loop pending tasks", "short", [(f'sum by (pod) (netty_eventexecutor_tasks_pending{{{S}}})', "{{pod}}")], 0, 51,
      desc="netty_eventexecutor_tasks_pending: tasks queued on the Netty event loops; a steady climb means the loops are saturated")
panel("Live threads", "short", [(f'sum by (pod) (jvm_threads_live_threads{{{S}}})', "{{pod}}")], 12, 51,
      desc="The BalanceRunawayThreads alert fires above 500")

def var(name, label, query, multi):
    return {"name": name, "label": label, "type": "query", "datasource": {"type": "prometheus", "uid": "${datasource}"},
            "query": {"query": query, "refId": "vars"}, "definition": query, "refresh": 2, "sort": 1,
            "multi": multi, "includeAll": multi, **({"allValue": ".+"} if multi else {}), "current": {}}
dash = {
    "uid": "balance-proxy", "title": "Balance", "tags": ["balance"], "timezone": "browser", "schemaVersion": 39, "version": 1,
    "editable": True, "refresh": "30s", "time": {"from": "now-1h", "to": "now"},
    "description": "Balance proxies (by namespace and BalanceProxy) and the Balance operator. Metric names: docs/ARCHITECTURE.md.",
    "templating": {"list": [
        {"name": "datasource", "label": "Data source", "type": "datasource", "query": "prometheus", "current": {}},
        var("namespace", "Namespace", "label_values(balance_http_requests_total, namespace)", False),
        var("balanceproxy", "BalanceProxy", 'label_values(balance_http_requests_total{namespace="$namespace"}, app_kubernetes_io_instance)', True),
    ]},
    "annotations": {"list": []},
    "panels": panels,
}
text = json.dumps(dash, indent=2) + "\n"
open("balance-dashboard.json", "w").write(text)
class Block(str): pass
yaml.add_representer(Block, lambda d, s: d.represent_scalar('tag:yaml.org,2002:str', s, style='|'))
cm = {"apiVersion": "v1", "kind": "ConfigMap",
      "metadata": {"name": "balance-dashboard", "labels": {"grafana_dashboard": "1", "app.kubernetes.io/part-of": "balance"}},
      "data": {"balance-dashboard.json": Block(text)}}
with open("balance-dashboard-configmap.yaml", "w") as f:
    f.write("# The Balance dashboard for Grafana's dashboard sidecar (label grafana_dashboard: \"1\"); apply it in the\n"
            "# namespace the sidecar watches:  kubectl apply -n monitoring -f grafana/balance-dashboard-configmap.yaml\n"
            "# Generated with python3 grafana/generate.py (DashboardTest keeps it equal to balance-dashboard.json).\n")
    yaml.dump(cm, f, sort_keys=False, width=1000)
