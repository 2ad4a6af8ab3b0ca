package io.balance.proxy.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.balance.proxy.testing.RunningProxy;
import io.balance.proxy.testing.TestHttpBackend;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TotalOutageTest {
    @RegisterExtension
    final TwoBackends stage = new TwoBackends();
    private final TestHttpBackend a = stage.a;
    private final TestHttpBackend b = stage.b;
    private RunningProxy proxy;

    @Test
    void answers503AtOnceWithoutConnectionAttemptsOrPileUpWhenEveryBackendIsDown() throws Exception {
        proxy = stage.proxy("""
                load_balancer: {algorithm: round-robin}
                health_check: {enabled: false}
                resilience: {circuit_breaker: {max_failures: 2, timeout: 60s}}
                """);
        a.kill();
        b.kill();
        // The first requests find the backends down; the breakers open.
        for (int i = 0; i < 3; i++) {
            assertThat(Traffic.get(proxy, "/").statusCode()).isIn(502, 503);
        }
        assertThat(Traffic.breaker(proxy, "a")).isEqualTo(1.0);
        assertThat(Traffic.breaker(proxy, "b")).isEqualTo(1.0);
        double connectFailures = Traffic.rejected(proxy, "connect_failed");
        double noBackend = Traffic.rejected(proxy, "no_backend");

        long heapBefore = usedHeapAfterGc();
        int requests = 2000;
        Duration slowest = Duration.ZERO;
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<Duration>> answers = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                answers.add(clients.submit(() -> {
                    long start = System.nanoTime();
                    HttpResponse<String> response = Traffic.get(proxy, "/");
                    assertThat(response.statusCode()).isEqualTo(503);
                    assertThat(response.body()).contains("no backend available");
                    return Duration.ofNanos(System.nanoTime() - start);
                }));
            }
            for (Future<Duration> answer : answers) {
                Duration took = answer.get();
                slowest = took.compareTo(slowest) > 0 ? took : slowest;
            }
        } finally {
            clients.shutdownNow();
        }
        assertThat(slowest).as("503 at once, not after a connect attempt").isLessThan(Duration.ofSeconds(2));
        assertThat(Traffic.rejected(proxy, "no_backend") - noBackend).isEqualTo(requests);
        assertThat(Traffic.rejected(proxy, "connect_failed")).as("no connection attempt").isEqualTo(connectFailures);
        assertThat(Traffic.metric(proxy, "balance_http_requests_total{backend=\"none\",code=\"503\",method=\"GET\"}"))
                .isGreaterThanOrEqualTo(requests);
        for (String name : List.of("a", "b")) {
            assertThat(Traffic.backend(proxy, name).get("pending_connects").asInt()).isZero();
            assertThat(Traffic.backend(proxy, name).get("open_connections").asInt()).isZero();
            assertThat(Traffic.backend(proxy, name).get("active_requests").asInt()).isZero();
        }
        assertThat(proxy.server().state().resilience().retryBudget().inFlight()).isZero();
        long grown = usedHeapAfterGc() - heapBefore;
        assertThat(grown).as("heap growth after %d refused requests", requests).isLessThan(32L * 1024 * 1024);
    }

    private static long usedHeapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
