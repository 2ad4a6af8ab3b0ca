package io.balance.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The PromQL of the shipped dashboard and rules. */
final class Observability {
    static final ObjectMapper JSON = new ObjectMapper();
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final String DASHBOARD = "grafana/balance-dashboard.json";
    static final String DASHBOARD_CONFIGMAP = "grafana/balance-dashboard-configmap.yaml";
    static final String RULES = "prometheus-rules/balance-rules.yaml";
    static final String PROMETHEUS_RULE = "prometheus-rules/prometheusrule.yaml";

    private Observability() {
    }

    static JsonNode dashboard() throws IOException {
        return JSON.readTree(Repo.path(DASHBOARD).toFile());
    }

    static JsonNode rules() throws IOException {
        return YAML.readTree(Repo.path(RULES).toFile());
    }

    static List<String> dashboardExpressions() throws IOException {
        List<String> exprs = new ArrayList<>();
        for (JsonNode panel : dashboard().path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                exprs.add(target.path("expr").asText());
            }
        }
        for (JsonNode variable : dashboard().path("templating").path("list")) {
            String query = variable.path("query").path("query").asText("");
            if (query.startsWith("label_values(")) {
                // label_values(metric{...}, label): the metric part is PromQL
                exprs.add(query.substring("label_values(".length(), query.lastIndexOf(',')));
            }
        }
        return exprs;
    }

    static List<String> ruleExpressions() throws IOException {
        List<String> exprs = new ArrayList<>();
        for (JsonNode group : rules().path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                exprs.add(rule.path("expr").asText());
            }
        }
        return exprs;
    }

    /** A dashboard expression with Grafana's variables given values, so Prometheus can parse it. */
    static String withVariables(String expr) {
        return expr.replace("$__rate_interval", "5m").replace("$namespace", "default").replace("$balanceproxy", ".+");
    }
}
