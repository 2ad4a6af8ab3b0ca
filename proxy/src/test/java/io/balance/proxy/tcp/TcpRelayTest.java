package io.balance.proxy.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.balance.proxy.testing.RunningProxy;
import io.balance.proxy.testing.TcpTestBackend;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Byte relaying in TCP mode: integrity, back-pressure, half-close, idle timeout. */
class TcpRelayTest {
    private static final int MB = 1024 * 1024;

    private TcpTestBackend backend;
    private RunningProxy proxy;

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.close();
        }
        if (backend != null) {
            backend.close();
        }
    }

    private RunningProxy proxy(TcpTestBackend only, String extra) {
        return proxy(only, "auto", extra);
    }

    /**
     * Flush and writability timing differ per transport (io_uring completes writes later; epoll
     * and NIO can drain inside a flush), so relaying is tested on each transport a user can ask
     * for. Asked for epoll, TCP mode runs on NIO (see {@code TcpTransport}).
     */
    private RunningProxy proxy(TcpTestBackend only, String transport, String extra) {
        backend = only;
        proxy = RunningProxy.start("""
                mode: tcp
                transport: {type: %s}
                backends:
                  - {name: %s, address: "%s"}
                %s
                """.formatted(transport, only.name(), only.address(), extra));
        if (!transport.equals("auto")) {
            assertThat(proxy.server().transportName()).as("transport in use")
                    .isEqualTo(transport.equals("epoll") ? "nio" : transport);
        }
        return proxy;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"io_uring", "epoll", "nio"})
    void relaysFiveMegabytesEachWayIntactAndInOrder(String transport) throws Exception {
        proxy(TcpTestBackend.echo("echo"), transport, "");
        long size = 5L * MB;
        // A small receive buffer and small reads make the client the slow side, so the proxy
        // has to hold the backend back (back-pressure) while the client keeps sending.
        try (Socket socket = Sockets.connect(proxy.port(), 32 * 1024)) {
            CompletableFuture<Long> sent = CompletableFuture.supplyAsync(() -> {
                long crc = sendPattern(socket, size);
                shutdownOutput(socket);
                return crc;
            });
            Sockets.Digest echoed = Sockets.readToEnd(socket.getInputStream(), 1024);

            assertThat(sent.get(30, TimeUnit.SECONDS)).isEqualTo(TcpTestBackend.patternCrc(size));
            assertThat(echoed.bytes()).isEqualTo(size);
            assertThat(echoed.crc()).isEqualTo(TcpTestBackend.patternCrc(size));
        }
        assertThat(backend.bytesReceived()).isEqualTo(size);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"io_uring", "epoll", "nio"})
    void stopsReadingFromTheBackendWhileTheClientIsNotReading(String transport) throws Exception {
        long size = 128L * MB;
        proxy(TcpTestBackend.source("source", size), transport, "");
        try (Socket socket = Sockets.connect(proxy.port(), 32 * 1024)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> backend.bytesSent() > 0);
            // Kernel buffers on the way hold some megabytes; without back-pressure the proxy
            // would swallow all 128 MB into memory within the second.
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                    .until(() -> backend.bytesSent() < 64L * MB);

            Sockets.Digest read = Sockets.readToEnd(socket.getInputStream(), 64 * 1024);
            assertThat(read.bytes()).isEqualTo(size);
            assertThat(read.crc()).isEqualTo(TcpTestBackend.patternCrc(size));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"io_uring", "epoll", "nio"})
    void clientHalfCloseStillDeliversTheWholeReplyThenBothSidesClose(String transport) throws Exception {
        int request = 300 * 1024;
        int reply = 8 * MB;
        // The backend thinks a moment before answering (the client's half of the connection sits
        // idle and half-closed meanwhile), then the client reads the reply slowly (small receive
        // buffer, small reads): the proxy keeps writing to a half-closed connection that pushes back.
        proxy(TcpTestBackend.replyAfterEof("replier", reply, Duration.ofMillis(200)), transport, "");
        try (Socket socket = Sockets.connect(proxy.port(), 32 * 1024)) {
            long crc = sendPattern(socket, request);
            socket.shutdownOutput();

            InputStream in = socket.getInputStream();
            assertThat(Sockets.readLine(in)).isEqualTo(request + " " + Long.toHexString(crc));
            Sockets.Digest body = Sockets.readToEnd(in, 1024);
            assertThat(body.bytes()).isEqualTo(reply);
            assertThat(body.crc()).isEqualTo(TcpTestBackend.patternCrc(reply));
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(backend.open()).isZero();
            assertThat(proxy.metric("balance_active_connections")).isZero();
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"io_uring", "epoll", "nio"})
    void backendThatClosesAtOnceEndsTheClientConnection(String transport) throws Exception {
        proxy(TcpTestBackend.closeAtOnce("closer"), transport, "");
        try (Socket socket = Sockets.connect(proxy.port())) {
            assertThat(Sockets.closedByPeer(socket)).isTrue();
        }
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(proxy.metric("balance_active_connections")).isZero());
    }

    @Test
    void idleTimeoutClosesAnIdleRelayedConnection() throws Exception {
        proxy(TcpTestBackend.echo("echo"), "timeouts: {idle: 300ms}");
        try (Socket socket = Sockets.connect(proxy.port())) {
            Sockets.roundTrip(socket, "hello");
            long quietSince = System.nanoTime();

            assertThat(Sockets.closedByPeer(socket)).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - quietSince)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(backend.open()).isZero());
    }

    @Test
    void idleTimeoutNeverClosesAConnectionThatKeepsSendingTraffic() throws Exception {
        proxy(TcpTestBackend.echo("echo"), "timeouts: {idle: 300ms}");
        try (Socket socket = Sockets.connect(proxy.port())) {
            // 1.5 s of one round trip every 100 ms: five idle timeouts long in all, never idle.
            long end = System.nanoTime() + Duration.ofMillis(1500).toNanos();
            int trips = 0;
            for (long next = System.nanoTime(); next < end; next += Duration.ofMillis(100).toNanos()) {
                waitUntil(next);
                Sockets.roundTrip(socket, "ping " + trips++);
            }
            assertThat(trips).isGreaterThanOrEqualTo(15);
            Sockets.roundTrip(socket, "still open");

            // Once the traffic stops, the idle timeout applies again.
            assertThat(Sockets.closedByPeer(socket)).isTrue();
        }
    }

    @Test
    void idleTimeoutCountsClientUploadsAsTrafficToo() throws Exception {
        proxy(TcpTestBackend.replyAfterEof("sink", 0), "timeouts: {idle: 300ms}");
        try (Socket socket = Sockets.connect(proxy.port())) {
            OutputStream out = socket.getOutputStream();
            long end = System.nanoTime() + Duration.ofMillis(1500).toNanos();
            int sent = 0;
            for (long next = System.nanoTime(); next < end; next += Duration.ofMillis(100).toNanos()) {
                waitUntil(next);
                out.write('x');
                out.flush();
                sent++;
            }
            socket.shutdownOutput();
            String expected = sent + " " + Long.toHexString(crcOf("x".repeat(sent)));
            assertThat(Sockets.readLine(socket.getInputStream())).isEqualTo(expected);
        }
    }

    @Test
    void idleTimeoutClosesAConnectionWhoseClientStoppedReading() throws Exception {
        proxy(TcpTestBackend.source("source", 256L * MB), "timeouts: {idle: 300ms}");
        try (Socket socket = Sockets.connect(proxy.port(), 32 * 1024)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> backend.bytesSent() > 0);
            // The client reads nothing: the proxy's writes to it never complete, and after the
            // idle timeout the proxy must drop the connection rather than wait for a flush forever.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(proxy.metric("balance_active_connections")).isZero();
                assertThat(backend.open()).isZero();
            });
        }
    }

    private static long sendPattern(Socket socket, long size) {
        try {
            OutputStream out = socket.getOutputStream();
            CRC32 crc = new CRC32();
            byte[] chunk = new byte[64 * 1024];
            for (long offset = 0; offset < size; offset += chunk.length) {
                int n = (int) Math.min(chunk.length, size - offset);
                for (int i = 0; i < n; i++) {
                    chunk[i] = TcpTestBackend.pattern(offset + i);
                }
                out.write(chunk, 0, n);
                crc.update(chunk, 0, n);
            }
            out.flush();
            return crc.getValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void shutdownOutput(Socket socket) {
        try {
            socket.shutdownOutput();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long crcOf(String text) {
        CRC32 crc = new CRC32();
        crc.update(text.getBytes(StandardCharsets.US_ASCII));
        return crc.getValue();
    }

    /** Paces traffic (not a synchronisation): parks until the given System.nanoTime(). */
    private static void waitUntil(long nanoTime) {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
        }
    }
}
