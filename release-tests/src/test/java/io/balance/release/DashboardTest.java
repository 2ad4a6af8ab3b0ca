package io.balance.release;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** grafana/: what the dashboard shows, how it is templated, and its sidecar ConfigMap. */
class DashboardTest {

    @Test
    void configMapCarriesTheDashboardForTheGrafanaSidecar() throws Exception {
        JsonNode configMap = Observability.YAML.readTree(Repo.path(Observability.DASHBOARD_CONFIGMAP).toFile());

        assertThat(configMap.path("kind").asText()).isEqualTo("ConfigMap");
        assertThat(configMap.path("metadata").path("labels").path("grafana_dashboard").asText()).isEqualTo("1");
        JsonNode embedded = Observability.JSON.readTree(configMap.path("data").path("balance-dashboard.json").asText());
        assertThat(embedded).isEqualTo(Observability.dashboard());
    }

    @Test
    void isTemplatedByNamespaceAndBalanceProxyTargetLabel() throws Exception {
        JsonNode variables = Observability.dashboard().path("templating").path("list");
        List<String> names = StreamSupport.stream(variables.spliterator(), false).map(v -> v.path("name").asText()).toList();

        assertThat(names).contains("datasource", "namespace", "balanceproxy");
        // the ServiceMonitor's targetLabels copy app.kubernetes.io/instance (the BalanceProxy name) onto every series
        assertThat(variables.toString()).contains("app_kubernetes_io_instance");
        for (String expr : Observability.dashboardExpressions()) {
            if (expr.contains("balance_operator_") || expr.startsWith("balance_http_requests_total")) {
                continue; // operator-wide panel; variable queries
            }
            assertThat(expr).as("filtered by the variables").contains("namespace=\"$namespace\"", "app_kubernetes_io_instance=~\"$balanceproxy\"");
        }
    }

    @Test
    void showsWhatOperatorsNeed() throws Exception {
        Set<String> used = new TreeSet<>();
        Observability.dashboardExpressions().forEach(e -> used.addAll(PromQl.metricNames(e)));

        assertThat(used).contains(
                "balance_http_requests_total", "balance_http_request_duration_seconds_bucket", "balance_active_connections",
                "balance_backend_healthy", "balance_circuit_breaker_state", "balance_backend_retries_total",
                "balance_rejected_requests_total", "balance_operator_endpoint_sync_lag_seconds", "jvm_memory_used_bytes",
                "jvm_gc_pause_seconds_sum", "netty_eventexecutor_tasks_pending");
        assertThat(Observability.dashboardExpressions()).anySatisfy(e -> assertThat(e)
                .startsWith("histogram_quantile(0.99, sum by (le) (rate(balance_http_request_duration_seconds_bucket{"));
    }

    @Test
    void extractsMetricNamesFromPromQl() {
        assertThat(PromQl.metricNames(
                "histogram_quantile(0.99, sum by (namespace, le) (rate(balance_http_request_duration_seconds_bucket{code=~\"5..\"}[5m]))) > 1"))
                .containsExactly("balance_http_request_duration_seconds_bucket");
        assertThat(PromQl.metricNames("max without (instance, pod) (a_total{x=\"y\"}) - b offset 5m unless up == 0"))
                .containsExactly("a_total", "b", "up");
    }
}
