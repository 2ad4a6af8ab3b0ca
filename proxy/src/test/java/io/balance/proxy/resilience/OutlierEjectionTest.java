package io.balance.proxy.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.balance.proxy.testing.RunningProxy;
import io.balance.proxy.testing.TestHttpBackend;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class OutlierEjectionTest {
    @RegisterExtension
    final TwoBackends stage = new TwoBackends();
    private final TestHttpBackend a = stage.a;
    private final TestHttpBackend b = stage.b;
    private RunningProxy proxy;

    @Test
    void ejectsABackendAnswering503sAndReadmitsItAfterItRecovers() throws Exception {
        proxy = stage.proxy("""
                load_balancer: {algorithm: round-robin}
                health_check:
                  enabled: false
                  passive_checks: {consecutive_failures: 3, ejection_time: 3s, max_ejection_time: 10s}
                resilience: {circuit_breaker: {enabled: false}}
                """);
        assertThat(Traffic.metric(proxy, "balance_backend_ejections_total{backend=\"a\"}")).as("registered at start").isZero();
        a.forceStatus(503);
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> response = Traffic.get(proxy, "/burst");
            assertThat(response.statusCode()).as("the 503 was retried on b").isEqualTo(200);
            assertThat(response.body()).isEqualTo("b");
        }
        assertThat(a.requests("/burst")).as("a was asked until it was ejected").isEqualTo(3);
        assertThat(Traffic.state(proxy, "a")).isEqualTo("ejected");
        assertThat(Traffic.backend(proxy, "a").get("reason").asText()).contains("3 failures in a row");
        assertThat(Traffic.healthy(proxy, "a")).isZero();
        assertThat(Traffic.metric(proxy, "balance_backend_ejections_total{backend=\"a\"}")).isEqualTo(1.0);
        assertThat(Traffic.retries(proxy, "b")).isEqualTo(3.0);
        assertThat(Traffic.requests(proxy, "b", 200)).isEqualTo(20.0);

        a.forceStatus(0);
        await().atMost(Duration.ofSeconds(15)).until(() -> Traffic.state(proxy, "a").equals("healthy"));
        assertThat(Traffic.healthy(proxy, "a")).isEqualTo(1.0);
        for (int i = 0; i < 10; i++) {
            assertThat(Traffic.get(proxy, "/calm").statusCode()).isEqualTo(200);
        }
        assertThat(a.requests("/calm")).as("readmitted").isEqualTo(5);
        assertThat(Traffic.requests(proxy, "a", 200)).isEqualTo(5.0);
    }

    @Test
    void neverEjectsTheWholePool() throws Exception {
        proxy = stage.proxy("""
                load_balancer: {algorithm: round-robin}
                health_check: {enabled: false, passive_checks: {consecutive_failures: 2, max_ejection_percent: 50}}
                resilience: {circuit_breaker: {enabled: false}, retry: {enabled: false}}
                """);
        a.forceStatus(503);
        b.forceStatus(503);
        for (int i = 0; i < 20; i++) {
            assertThat(Traffic.get(proxy, "/").statusCode()).isEqualTo(503);
        }
        long ejected = java.util.stream.Stream.of("a", "b").filter(name -> {
            try {
                return Traffic.state(proxy, name).equals("ejected");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).count();
        assertThat(ejected).as("at most 50%% of two backends").isEqualTo(1);
        assertThat(Traffic.metric(proxy, "balance_backend_ejections_total{backend=\"a\"}")
                + Traffic.metric(proxy, "balance_backend_ejections_total{backend=\"b\"}")).isEqualTo(1.0);
    }
}
