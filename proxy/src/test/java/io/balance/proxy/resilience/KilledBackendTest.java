package io.balance.proxy.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.balance.proxy.testing.RunningProxy;
import io.balance.proxy.testing.TestHttpBackend;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class KilledBackendTest {
    private static final int CLIENTS = 8;

    @RegisterExtension
    final TwoBackends stage = new TwoBackends();
    private final TestHttpBackend a = stage.a;
    private final TestHttpBackend b = stage.b;
    private RunningProxy proxy;

    @Test
    void losesNoIdempotentRequestWhenABackendDiesUnderLoadAndTakesItBackWhenItReturns() throws Exception {
        proxy = stage.proxy("""
                load_balancer: {algorithm: round-robin}
                health_check: {enabled: false, passive_checks: {ejection_time: 1s}}
                resilience:
                  circuit_breaker: {timeout: 1s}
                  # the budget floor covers every client in flight: this test pins retries, not
                  # budget exhaustion (RetryBudgetFaultTest does that)
                  retry: {min_retries: %d}
                """.formatted(CLIENTS));
        try (Traffic.Load load = new Traffic.Load(proxy, "/", CLIENTS)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> a.requests() >= 50 && b.requests() >= 50);
            a.kill();
            int atKill = load.total();
            // While a stays dead it is ejected, comes back by time, fails and goes out again.
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                    .until(() -> Traffic.state(proxy, "a").equals("ejected") && Traffic.healthy(proxy, "a") == 0);
            await().atMost(Duration.ofSeconds(30)).until(() -> load.total() >= atKill + 300);

            int servedByA = load.fromBackend("a");
            a.listen(a.port());
            await().atMost(Duration.ofSeconds(30)).until(() -> load.fromBackend("a") > servedByA + 20);
            assertThat(load.failures()).as("client-visible failures").isEmpty();
        }
        assertThat(Traffic.state(proxy, "a")).isEqualTo("healthy");
        assertThat(Traffic.retries(proxy, "b")).as("requests that failed on a went to b").isPositive();
        assertThat(Traffic.rejected(proxy, "connect_failed") + Traffic.rejected(proxy, "backend_error")).isZero();
        assertThat(Traffic.metric(proxy, "balance_backend_ejections_total{backend=\"a\"}")
                + Traffic.metric(proxy, "balance_circuit_breaker_state{backend=\"a\"}")).isPositive();
    }
}
