package io.balance.proxy.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.balance.proxy.testing.RunningProxy;
import io.balance.proxy.testing.TestHttpBackend;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FlappingBackendTest {
    private static final double CLOSED = 0;
    private static final double OPEN = 1;
    private static final double HALF_OPEN = 2;

    @RegisterExtension
    final TwoBackends stage = new TwoBackends();
    private final TestHttpBackend a = stage.a;
    private final TestHttpBackend b = stage.b;
    private RunningProxy proxy;

    @Test
    void opensAndClosesTheCircuitOnEveryTripOfAFlappingBackend() throws Exception {
        proxy = stage.proxy("""
                load_balancer: {algorithm: round-robin}
                health_check: {enabled: false, passive_checks: {enabled: false}}
                resilience:
                  circuit_breaker: {max_failures: 3, timeout: 1500ms}
                  retry: {enabled: false}
                """);
        assertThat(Traffic.breaker(proxy, "a")).isEqualTo(CLOSED);
        for (int trip = 1; trip <= 4; trip++) {
            double errorsBefore = Traffic.requests(proxy, "a", 500);
            a.forceStatus(500);
            AtomicReference<JsonNode> snapshot = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                Traffic.get(proxy, "/");
                snapshot.set(Traffic.backend(proxy, "a"));
                return Traffic.breaker(proxy, "a") == OPEN && snapshot.get().get("circuit_breaker").asText().equals("open");
            });
            JsonNode open = snapshot.get();
            assertThat(open.get("circuit_breaker").asText()).isEqualTo("open");
            assertThat(open.get("state").asText()).isEqualTo("ejected");
            assertThat(open.get("reason").asText()).contains("circuit breaker open (trip " + trip + ")");
            assertThat(Traffic.healthy(proxy, "a")).isZero();
            assertThat(Traffic.requests(proxy, "a", 500) - errorsBefore).as("trip %d", trip).isEqualTo(3.0);

            int aBefore = a.requests();
            for (int i = 0; i < 4; i++) {
                assertThat(Traffic.get(proxy, "/").body()).as("open: only b answers").isEqualTo("b");
            }
            assertThat(a.requests()).isEqualTo(aBefore);

            a.forceStatus(0);
            await().atMost(Duration.ofSeconds(10)).until(() -> Traffic.breaker(proxy, "a") == HALF_OPEN);
            assertThat(Traffic.backend(proxy, "a").get("circuit_breaker").asText()).isEqualTo("half_open");
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                Traffic.get(proxy, "/");
                return Traffic.breaker(proxy, "a") == CLOSED;
            });
            JsonNode closed = Traffic.backend(proxy, "a");
            assertThat(closed.get("circuit_breaker").asText()).as("closed again after trip %d", trip).isEqualTo("closed");
            assertThat(closed.get("state").asText()).isEqualTo("healthy");
            assertThat(Traffic.healthy(proxy, "a")).isEqualTo(1.0);
        }
    }
}
