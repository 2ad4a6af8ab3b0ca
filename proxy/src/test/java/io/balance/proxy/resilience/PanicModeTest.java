package io.balance.proxy.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.balance.proxy.testing.RunningProxy;
import io.balance.proxy.testing.TestHttpBackend;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PanicModeTest {
    private final List<TestHttpBackend> backends = List.of(TestHttpBackend.start("a"), TestHttpBackend.start("b"),
            TestHttpBackend.start("c"), TestHttpBackend.start("d"));
    private RunningProxy proxy;

    @BeforeEach
    void start() {
        proxy = RunningProxy.start("""
                mode: http
                load_balancer: {algorithm: round-robin}
                backends:
                  - {name: a, address: "%s"}
                  - {name: b, address: "%s"}
                  - {name: c, address: "%s"}
                  - {name: d, address: "%s"}
                health_check: {enabled: true, type: http, path: /health, interval: 250ms, timeout: 250ms,
                               healthy_threshold: 1, unhealthy_threshold: 2, panic_threshold: 50}
                """.formatted(backends.get(0).address(), backends.get(1).address(), backends.get(2).address(),
                backends.get(3).address()));
    }

    @AfterEach
    void stop() {
        proxy.close();
        backends.forEach(TestHttpBackend::close);
    }

    private void healthEndpoints(int status, String... names) {
        for (TestHttpBackend backend : backends) {
            if (List.of(names).contains(backend.name())) {
                backend.statusFor("/health", status);
            }
        }
    }

    private void awaitStates(String expected, String... names) {
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            for (String name : names) {
                if (!Traffic.state(proxy, name).equals(expected)) {
                    return false;
                }
            }
            return true;
        });
    }

    private int[] served(String path) {
        return backends.stream().mapToInt(b -> b.requests(path)).toArray();
    }

    @Test
    void spreadsOverEveryBackendWhenTooFewAreEligibleAndStopsWhenEnoughRecover() throws Exception {
        awaitStates("healthy", "a", "b", "c", "d");
        assertThat(proxy.metric("balance_panic_mode")).isZero();

        healthEndpoints(503, "b", "c", "d");
        awaitStates("unhealthy", "b", "c", "d");
        for (int i = 0; i < 40; i++) {
            assertThat(Traffic.get(proxy, "/panic").statusCode()).isEqualTo(200);
        }
        assertThat(java.util.Arrays.stream(served("/panic")).min().orElse(0))
                .as("one of four eligible is below 50%%: all four serve").isGreaterThanOrEqualTo(5);
        assertThat(proxy.metric("balance_panic_mode")).isEqualTo(1.0);
        assertThat(proxy.metric("balance_panic_routed_total")).isGreaterThanOrEqualTo(40);
        assertThat(Traffic.healthy(proxy, "b")).as("panic routes to it; it is still unhealthy").isZero();

        healthEndpoints(0, "c", "d");
        awaitStates("healthy", "c", "d");
        double routed = proxy.metric("balance_panic_routed_total");
        for (int i = 0; i < 30; i++) {
            assertThat(Traffic.get(proxy, "/calm").statusCode()).isEqualTo(200);
        }
        assertThat(backends.get(1).requests("/calm")).as("three of four eligible: no panic, b gets nothing").isZero();
        assertThat(proxy.metric("balance_panic_mode")).isZero();
        assertThat(proxy.metric("balance_panic_routed_total")).isEqualTo(routed);
    }

    @Test
    void answers503AtOnceWhenNoBackendIsEligible() throws Exception {
        awaitStates("healthy", "a", "b", "c", "d");
        healthEndpoints(503, "a", "b", "c", "d");
        awaitStates("unhealthy", "a", "b", "c", "d");
        for (int i = 0; i < 10; i++) {
            assertThat(Traffic.get(proxy, "/none").statusCode()).isEqualTo(503);
        }
        assertThat(served("/none")).as("no connection attempt").containsOnly(0);
        assertThat(Traffic.rejected(proxy, "no_backend")).isEqualTo(10.0);
        assertThat(proxy.metric("balance_panic_mode")).as("panic needs some eligible backend").isZero();
    }
}
