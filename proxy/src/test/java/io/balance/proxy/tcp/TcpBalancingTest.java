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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Choosing backends in TCP mode: spreading, failover, refusals, and what the metrics say. */
class TcpBalancingTest {
    private static final Duration PROMPTLY = Duration.ofSeconds(5);

    private final List<AutoCloseable> resources = new ArrayList<>();
    private RunningProxy proxy;

    @AfterEach
    void stop() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    private TcpTestBackend echo(String name) {
        TcpTestBackend backend = TcpTestBackend.echo(name);
        resources.add(backend);
        return backend;
    }

    private Socket connect() throws Exception {
        Socket socket = Sockets.connect(proxy.port());
        resources.add(socket);
        return socket;
    }

    private RunningProxy proxy(String backends, String extra) {
        proxy = RunningProxy.start("""
                mode: tcp
                backends:
                %s
                %s
                """.formatted(backends.indent(2).stripTrailing(), extra));
        return proxy;
    }

    private static String backend(String name, String address) {
        return "- {name: %s, address: \"%s\"}".formatted(name, address);
    }

    private double rejected(String reason) throws Exception {
        return proxy.metric("balance_rejected_requests_total{reason=\"" + reason + "\"}");
    }

    @Test
    void roundRobinSpreadsConnectionsInTurn() throws Exception {
        TcpTestBackend a = echo("a");
        TcpTestBackend b = echo("b");
        proxy(backend("a", a.address()) + "\n" + backend("b", b.address()), "load_balancer: {algorithm: round-robin}");
        for (int i = 0; i < 10; i++) {
            try (Socket socket = Sockets.connect(proxy.port())) {
                Sockets.roundTrip(socket, "hello " + i);
            }
        }
        assertThat(a.connections()).isEqualTo(5);
        assertThat(b.connections()).isEqualTo(5);
    }

    @Test
    void leastConnectionsSendsNewConnectionsAwayFromABusyBackend() throws Exception {
        TcpTestBackend a = echo("a");
        TcpTestBackend b = echo("b");
        proxy(backend("a", a.address()) + "\n" + backend("b", b.address()), "load_balancer: {algorithm: least-connections}");
        Socket held = connect();
        Sockets.roundTrip(held, "I stay");
        TcpTestBackend busy = a.open() == 1 ? a : b;
        TcpTestBackend free = busy == a ? b : a;

        for (int i = 0; i < 6; i++) {
            try (Socket socket = Sockets.connect(proxy.port())) {
                Sockets.roundTrip(socket, "short " + i);
            }
            await().atMost(PROMPTLY).until(() -> free.open() == 0);
        }

        assertThat(busy.connections()).isEqualTo(1);
        assertThat(free.connections()).isEqualTo(6);
        Sockets.roundTrip(held, "still here");
    }

    @Test
    void leastConnectionsBalancesHeldConnections() throws Exception {
        TcpTestBackend a = echo("a");
        TcpTestBackend b = echo("b");
        TcpTestBackend c = echo("c");
        proxy(String.join("\n", backend("a", a.address()), backend("b", b.address()), backend("c", c.address())),
                "load_balancer: {algorithm: least-connections}");
        for (int i = 0; i < 9; i++) {
            Sockets.roundTrip(connect(), "held " + i);
        }
        assertThat(List.of(a.open(), b.open(), c.open())).containsExactly(3, 3, 3);
    }

    @Test
    void failsOverToTheNextBackendWhenAConnectIsRefused() throws Exception {
        TcpTestBackend b = echo("b");
        proxy(backend("down", "127.0.0.1:" + FreePorts.next()) + "\n" + backend("b", b.address()),
                "load_balancer: {algorithm: round-robin}");
        for (int i = 0; i < 4; i++) {
            try (Socket socket = Sockets.connect(proxy.port())) {
                Sockets.roundTrip(socket, "through " + i);
            }
        }
        assertThat(b.connections()).isEqualTo(4);
        assertThat(rejected("connect_failed")).isZero();
    }

    @Test
    void closesTheClientPromptlyWhenEveryBackendIsDown() throws Exception {
        proxy(backend("a", "127.0.0.1:" + FreePorts.next()) + "\n" + backend("b", "127.0.0.1:" + FreePorts.next()), "");
        long start = System.nanoTime();
        try (Socket socket = Sockets.connect(proxy.port())) {
            socket.getOutputStream().write("anyone?".getBytes());
            assertThat(Sockets.closedByPeer(socket)).isTrue();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(PROMPTLY);
        await().atMost(PROMPTLY).untilAsserted(() -> {
            assertThat(rejected("connect_failed")).isEqualTo(1.0);
            assertThat(rejected("no_backend")).isZero();
            assertThat(proxy.metric("balance_active_connections")).isZero();
        });
    }

    @Test
    void closesTheClientWhenThereIsNoBackendAtAll() throws Exception {
        proxy = RunningProxy.start("""
                mode: tcp
                dynamic_backends: true
                backends: []
                """);
        try (Socket socket = Sockets.connect(proxy.port())) {
            assertThat(Sockets.closedByPeer(socket)).isTrue();
        }
        await().atMost(PROMPTLY).untilAsserted(() -> {
            assertThat(rejected("no_backend")).isEqualTo(1.0);
            assertThat(rejected("connect_failed")).isZero();
        });
    }

    @Test
    void refusesAConnectionBeyondMaxConnectionsAndCountsItOnce() throws Exception {
        TcpTestBackend a = echo("a");
        proxy("- {name: a, address: \"" + a.address() + "\", max_connections: 1}", "");
        Socket first = connect();
        Sockets.roundTrip(first, "mine");

        try (Socket second = Sockets.connect(proxy.port())) {
            assertThat(Sockets.closedByPeer(second)).isTrue();
        }
        await().atMost(PROMPTLY).untilAsserted(() -> assertThat(rejected("connection_limit")).isEqualTo(1.0));
        assertThat(rejected("connect_failed")).isZero();
        assertThat(rejected("no_backend")).isZero();

        first.close();
        await().atMost(PROMPTLY).until(() -> a.open() == 0);
        try (Socket third = Sockets.connect(proxy.port())) {
            Sockets.roundTrip(third, "free again");
        }
    }

    @Test
    void skipsABackendAtItsLimitWithoutSpendingAnAttempt() throws Exception {
        TcpTestBackend a = echo("a");
        TcpTestBackend b = echo("b");
        proxy("- {name: a, address: \"" + a.address() + "\", max_connections: 1}\n" + backend("b", b.address()),
                "load_balancer: {algorithm: round-robin}\nresilience: {retry: {max_attempts: 1}}");
        for (int i = 0; i < 4; i++) {
            Sockets.roundTrip(connect(), "held " + i);
        }
        assertThat(a.open()).isEqualTo(1);
        assertThat(b.open()).isEqualTo(3);
        assertThat(rejected("connection_limit")).isZero();
    }

    @Test
    void countsConnectionsAndBytesBothWays() throws Exception {
        TcpTestBackend a = echo("a");
        proxy(backend("a", a.address()), "");
        double connectionsBefore = proxy.metric("balance_tcp_connections_total");
        double inBefore = proxy.metric("balance_bytes_total{direction=\"in\"}");
        double outBefore = proxy.metric("balance_bytes_total{direction=\"out\"}");
        String message = "x".repeat(10_000);
        for (int i = 0; i < 3; i++) {
            try (Socket socket = Sockets.connect(proxy.port())) {
                Sockets.roundTrip(socket, message);
            }
        }
        await().atMost(PROMPTLY).untilAsserted(() -> {
            assertThat(proxy.metric("balance_tcp_connections_total") - connectionsBefore).isEqualTo(3.0);
            assertThat(proxy.metric("balance_bytes_total{direction=\"in\"}") - inBefore).isEqualTo(30_000.0);
            assertThat(proxy.metric("balance_bytes_total{direction=\"out\"}") - outBefore).isEqualTo(30_000.0);
            assertThat(proxy.metric("balance_active_connections")).isZero();
        });
    }
}
