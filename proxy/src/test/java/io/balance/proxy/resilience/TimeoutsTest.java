package io.balance.proxy.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.balance.proxy.testing.RawHttp;
import io.balance.proxy.testing.RunningProxy;
import io.balance.proxy.testing.TestHttpBackend;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each timeout answers (or closes) in time and is counted under its own reason. */
class TimeoutsTest {
    private final TestHttpBackend a = TestHttpBackend.start("a");
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private RunningProxy proxy;

    @AfterEach
    void stop() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
        for (AutoCloseable c : closeables) {
            c.close();
        }
        a.close();
    }

    private RunningProxy proxy(String backendAddress, String timeouts) {
        proxy = RunningProxy.start("""
                mode: http
                backends:
                  - {name: a, address: "%s"}
                health_check: {enabled: false, passive_checks: {enabled: false}}
                resilience: {circuit_breaker: {enabled: false}, retry: {enabled: false}}
                timeouts: {%s}
                """.formatted(backendAddress, timeouts));
        return proxy;
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Test
    void answers504WhenTheOverallRequestDeadlinePasses() throws Exception {
        proxy(a.address(), "request: 400ms, read: 10s");
        long start = System.nanoTime();
        HttpResponse<String> response = Traffic.get(proxy, "/delay/5000");
        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(response.body()).contains("request deadline exceeded");
        assertThat(since(start)).isLessThan(Duration.ofSeconds(3));
        assertThat(Traffic.rejected(proxy, "request_timeout")).isEqualTo(1.0);
        assertThat(Traffic.rejected(proxy, "backend_timeout")).isZero();
    }

    @Test
    void answers504WhenTheBackendSendsNoResponseHeadWithinTheReadTimeout() throws Exception {
        proxy(a.address(), "read: 300ms");
        long start = System.nanoTime();
        assertThat(Traffic.get(proxy, "/stall").statusCode()).isEqualTo(504);
        assertThat(since(start)).isLessThan(Duration.ofSeconds(3));
        assertThat(Traffic.rejected(proxy, "backend_timeout")).isEqualTo(1.0);
        assertThat(Traffic.requests(proxy, "a", 504)).isEqualTo(1.0);
    }

    @Test
    void answers504WhenTheConnectTimesOut() throws Exception {
        // A listener whose accept queue is full: the kernel drops further SYNs, so connects hang.
        ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        closeables.add(full);
        InetSocketAddress address = (InetSocketAddress) full.getLocalSocketAddress();
        for (int i = 0; i < 8; i++) {
            Socket filler = new Socket();
            closeables.add(filler);
            try {
                filler.connect(address, 200);
            } catch (java.net.SocketTimeoutException e) {
                break;
            }
        }
        proxy("127.0.0.1:" + address.getPort(), "connect: 300ms");
        long start = System.nanoTime();
        HttpResponse<String> response = Traffic.get(proxy, "/");
        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(response.body()).contains("backend connection timed out");
        assertThat(since(start)).isLessThan(Duration.ofSeconds(3));
        assertThat(Traffic.rejected(proxy, "connect_timeout")).isEqualTo(1.0);
        assertThat(Traffic.rejected(proxy, "connect_failed")).isZero();
    }

    @Test
    void closesAResponseThatStallsMidBodyAfterTheIdleTimeout() throws Exception {
        ServerSocket stalling = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        closeables.add(stalling);
        Thread backend = new Thread(() -> {
            try (Socket socket = stalling.accept()) {
                InputStream in = socket.getInputStream();
                byte[] buffer = new byte[4096];
                in.read(buffer);
                OutputStream out = socket.getOutputStream();
                out.write("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nhello".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                while (in.read(buffer) >= 0) {
                    // hold the connection open without sending more
                }
            } catch (Exception e) {
                // the test closes the listener
            }
        });
        backend.setDaemon(true);
        backend.start();
        proxy("127.0.0.1:" + stalling.getLocalPort(), "idle: 300ms, read: 10s");
        long start = System.nanoTime();
        String response = RawHttp.exchange(proxy.port(), "GET / HTTP/1.1\r\nHost: test\r\n\r\n");
        assertThat(since(start)).as("closed by the idle timeout, not the client's").isLessThan(Duration.ofSeconds(5));
        assertThat(response).startsWith("HTTP/1.1 200").endsWith("hello");
        assertThat(Traffic.rejected(proxy, "idle_timeout")).isEqualTo(1.0);
    }

    @Test
    void closesAQuietKeepAliveConnectionAfterTheIdleTimeoutButNotOneThatKeepsTalking() throws Exception {
        proxy(a.address(), "idle: 400ms, read: 10s");
        try (Socket talking = new Socket("127.0.0.1", proxy.port()); Socket quiet = new Socket("127.0.0.1", proxy.port())) {
            talking.setSoTimeout(5_000);
            quiet.setSoTimeout(5_000);
            assertThat(oneRequest(quiet)).startsWith("HTTP/1.1 200");
            long start = System.nanoTime();
            for (int i = 0; i < 12; i++) { // 1.2 s of a request every 100 ms, three idle periods
                assertThat(oneRequest(talking)).as("request %d on the talking connection", i).startsWith("HTTP/1.1 200");
                Thread.sleep(100); // pacing the client, not waiting for the proxy
            }
            assertThat(quiet.getInputStream().read()).as("the quiet connection was closed").isEqualTo(-1);
            assertThat(since(start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    /** Sends a GET on a keep-alive connection and reads its whole response (a Content-Length body). */
    private static String oneRequest(Socket socket) throws Exception {
        socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: test\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            assertThat(b).as("connection open").isNotNegative();
            head.append((char) b);
        }
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
        assertThat(length.find()).isTrue();
        byte[] body = in.readNBytes(Integer.parseInt(length.group(1)));
        return head + new String(body, StandardCharsets.ISO_8859_1);
    }

    @Test
    void answers408WhenTheClientStallsMidUpload() throws Exception {
        proxy(a.address(), "idle: 300ms, read: 10s");
        long start = System.nanoTime();
        String response = RawHttp.exchange(proxy.port(),
                "POST /echo HTTP/1.1\r\nHost: test\r\nContent-Length: 100\r\n\r\nonly part of it");
        assertThat(since(start)).isLessThan(Duration.ofSeconds(5));
        assertThat(response).startsWith("HTTP/1.1 408").contains("connection idle");
        assertThat(Traffic.rejected(proxy, "idle_timeout")).isEqualTo(1.0);
        assertThat(a.requests("/echo")).as("the backend never got a whole request").isZero();
    }
}
