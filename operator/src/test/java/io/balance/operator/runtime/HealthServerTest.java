package io.balance.operator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class HealthServerTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void servesProbesAndTheReconcileMetricsUnderTheirContractNames() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        OperatorMetrics metrics = new OperatorMetrics(registry);
        AtomicBoolean ready = new AtomicBoolean(false);
        try (HealthServer server = new HealthServer(0, () -> true, ready::get, registry::scrape).start()) {
            assertThat(get(server, "/healthz").statusCode()).isEqualTo(200);
            assertThat(get(server, "/readyz").statusCode()).isEqualTo(503);
            ready.set(true);
            assertThat(get(server, "/readyz").statusCode()).isEqualTo(200);

            String before = get(server, "/metrics").body();
            assertThat(before).contains("balance_operator_reconcile_total{result=\"error\"} 0.0")
                    .contains("balance_operator_reconcile_total{result=\"success\"} 0.0");

            metrics.timeControllerExecution(execution("reconcile", false));
            try {
                metrics.timeControllerExecution(execution("reconcile", true));
            } catch (IllegalStateException expected) {
                // counted as an error
            }
            String after = get(server, "/metrics").body();
            assertThat(after).contains("balance_operator_reconcile_total{result=\"success\"} 1.0")
                    .contains("balance_operator_reconcile_total{result=\"error\"} 1.0")
                    .contains("balance_operator_reconcile_duration_seconds_count 2");
        }
    }

    @Test
    void aStuckReadinessCheckAnswers503InTimeAndNeverBlocksLiveness() throws Exception {
        java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
        try (HealthServer server = new HealthServer(0, () -> true, () -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return true;
        }, () -> "").start()) {
            var stuck = http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/readyz")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(get(server, "/healthz").statusCode()).isEqualTo(200);
            assertThat(stuck.get(10, java.util.concurrent.TimeUnit.SECONDS).statusCode()).isEqualTo(503);
        } finally {
            never.countDown();
        }
    }

    private HttpResponse<String> get(HealthServer server, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Metrics.ControllerExecution<String> execution(String name, boolean fail) {
        return new Metrics.ControllerExecution<>() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String controllerName() {
                return "balanceproxy";
            }

            @Override
            public String successTypeName(String result) {
                return result;
            }

            @Override
            public ResourceID resourceID() {
                return new ResourceID("web", "default");
            }

            @Override
            public Map<String, Object> metadata() {
                return Map.of();
            }

            @Override
            public String execute() {
                if (fail) {
                    throw new IllegalStateException("boom");
                }
                return "ok";
            }
        };
    }
}
