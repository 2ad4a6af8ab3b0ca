package io.balance.proxy.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.balance.proxy.testing.FreePorts;
import io.balance.proxy.testing.RunningProxy;
import io.balance.proxy.testing.TcpTestBackend;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** TCP failover under faults: it spends the same retry budget, attempts and backoff as HTTP retries. */
class TcpFailoverFaultTest {
    private static final int CLIENTS = 30;
    private static final int MIN_RETRIES = 2;

    private final List<AutoCloseable> resources = new ArrayList<>();
    private final ExecutorService clients = Executors.newFixedThreadPool(8);
    private RunningProxy proxy;

    @AfterEach
    void stop() throws Exception {
        clients.shutdownNow();
        if (proxy != null) {
            proxy.close();
        }
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    private double metric(String series) throws Exception {
        double value = proxy.metric(series);
        return Double.isNaN(value) ? 0 : value;
    }

    private double retries() throws Exception {
        return metric("balance_backend_retries_total{backend=\"a\"}") + metric("balance_backend_retries_total{backend=\"b\"}");
    }

    @Test
    void holdsFailoversUnderTheRetryBudgetDuringAFullOutage() throws Exception {
        // Breakers and ejection off, so every connection reaches the dead backends and wants to fail
        // over; a long backoff keeps each granted failover in flight while the other clients arrive.
        proxy = RunningProxy.start("""
                mode: tcp
                load_balancer: {algorithm: round-robin}
                backends:
                  - {name: a, address: "127.0.0.1:%d"}
                  - {name: b, address: "127.0.0.1:%d"}
                health_check: {enabled: false, passive_checks: {enabled: false}}
                resilience:
                  circuit_breaker: {enabled: false}
                  retry: {max_attempts: 3, initial_delay: 1s, max_delay: 1s, budget_percent: 0, min_retries: %d}
                """.formatted(FreePorts.next(), FreePorts.next(), MIN_RETRIES));
        List<Socket> sockets = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < CLIENTS; i++) {
            Socket socket = Sockets.connect(proxy.port());
            resources.add(socket);
            sockets.add(socket);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> metric("balance_retry_budget_exhausted_total") > 0);
        assertThat(proxy.server().state().resilience().retryBudget().inFlight()).isLessThanOrEqualTo(MIN_RETRIES);
        for (Socket socket : sockets) {
            assertThat(Sockets.closedByPeer(socket)).isTrue();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("two failovers with a backoff of 1s (jitter 0.2) each")
                .isGreaterThan(Duration.ofMillis(1500));

        await().atMost(Duration.ofSeconds(10)).until(() -> metric("balance_rejected_requests_total{reason=\"connect_failed\"}") == CLIENTS);
        double exhausted = metric("balance_retry_budget_exhausted_total");
        double withToken = CLIENTS - exhausted;
        assertThat(exhausted).as("most connections found the budget spent").isGreaterThanOrEqualTo(CLIENTS - 5 * MIN_RETRIES);
        assertThat(retries()).as("each connection with a token failed over max_attempts - 1 times").isEqualTo(2 * withToken);
        assertThat(retries()).as("without a budget: %d", 2 * CLIENTS).isLessThanOrEqualTo(2 * 5 * MIN_RETRIES);
        assertThat(proxy.server().state().resilience().retryBudget().inFlight()).as("every token came back").isZero();
    }

    @Test
    void losesNoConnectionWhenOneOfTwoBackendsIsDead() throws Exception {
        TcpTestBackend b = TcpTestBackend.echo("b");
        resources.add(b);
        // Ejection and breakers off keep the dead backend in the rotation: every other connection fails over.
        proxy = RunningProxy.start("""
                mode: tcp
                load_balancer: {algorithm: round-robin}
                backends:
                  - {name: a, address: "127.0.0.1:%d"}
                  - {name: b, address: "%s"}
                health_check: {enabled: false, passive_checks: {enabled: false}}
                resilience:
                  circuit_breaker: {enabled: false}
                  retry: {min_retries: 8}
                """.formatted(FreePorts.next(), b.address()));
        int perClient = 25;
        List<Future<?>> runs = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            int client = c;
            runs.add(clients.submit(() -> {
                for (int i = 0; i < perClient; i++) {
                    try (Socket socket = Sockets.connect(proxy.port())) {
                        Sockets.roundTrip(socket, "client " + client + " round " + i);
                    }
                }
                return null;
            }));
        }
        for (Future<?> run : runs) {
            run.get();
        }

        assertThat(b.connections()).isEqualTo(8 * perClient);
        assertThat(metric("balance_rejected_requests_total{reason=\"connect_failed\"}")).isZero();
        assertThat(metric("balance_backend_retries_total{backend=\"b\"}")).as("connections that found a dead went to b")
                .isGreaterThanOrEqualTo(8 * perClient / 4.0);
        assertThat(metric("balance_retry_budget_exhausted_total")).isZero();
    }
}
