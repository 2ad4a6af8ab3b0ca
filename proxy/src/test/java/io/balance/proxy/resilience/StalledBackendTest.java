package io.balance.proxy.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.balance.proxy.testing.RunningProxy;
import io.balance.proxy.testing.TestHttpBackend;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StalledBackendTest {
    private final TestHttpBackend b = TestHttpBackend.start("b");
    private RunningProxy proxy;
    private ServerSocket silent;

    @AfterEach
    void stop() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
        if (silent != null) {
            silent.close();
        }
        b.close();
    }

    @Test
    void answers504WithinTheDeadlineThenEjectsABackendThatAcceptsAndNeverAnswers() throws Exception {
        // The kernel completes the handshakes into the backlog; nobody ever reads or answers.
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        proxy = RunningProxy.start("""
                mode: http
                load_balancer: {algorithm: round-robin}
                backends:
                  - {name: silent, address: "127.0.0.1:%d"}
                  - {name: b, address: "%s"}
                timeouts: {read: 1s}
                health_check: {enabled: false, passive_checks: {consecutive_failures: 2, ejection_time: 60s}}
                resilience: {circuit_breaker: {enabled: false}}
                """.formatted(silent.getLocalPort(), b.address()));
        int timeouts = 0;
        for (int i = 0; i < 20; i++) {
            long start = System.nanoTime();
            HttpResponse<String> response = Traffic.get(proxy, "/");
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            if (response.statusCode() == 504) {
                timeouts++;
                assertThat(took).as("a 504 comes right after timeouts.read").isLessThan(Duration.ofSeconds(5));
                assertThat(response.body()).contains("backend did not answer in time");
            } else {
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body()).isEqualTo("b");
            }
        }
        assertThat(timeouts).as("two timeouts eject the silent backend").isEqualTo(2);
        assertThat(Traffic.state(proxy, "silent")).isEqualTo("ejected");
        assertThat(Traffic.healthy(proxy, "silent")).isZero();
        assertThat(Traffic.rejected(proxy, "backend_timeout")).isEqualTo(2.0);
        assertThat(Traffic.requests(proxy, "silent", 504)).isEqualTo(2.0);
        assertThat(Traffic.requests(proxy, "b", 200)).isEqualTo(18.0);
        assertThat(Traffic.backend(proxy, "silent").get("active_requests").asInt()).isZero();
    }
}
