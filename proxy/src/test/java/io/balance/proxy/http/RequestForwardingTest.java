package io.balance.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.balance.proxy.testing.RawHttp;
import io.balance.proxy.testing.RunningProxy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The exact bytes a backend receives for a request: the client's head as it came, minus the
 * hop-by-hop fields, plus {@code X-Forwarded-*}; bodies in the framing the head announces.
 */
class RequestForwardingTest {
    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

    private final ExecutorService backendThread = Executors.newSingleThreadExecutor();
    private ServerSocket backend;
    private RunningProxy proxy;

    @AfterEach
    void stop() throws IOException {
        if (proxy != null) {
            proxy.close();
        }
        backendThread.shutdownNow();
        backend.close();
    }

    private void start(String extraYaml) throws IOException {
        backend = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        proxy = RunningProxy.start("""
                mode: http
                backends: [{name: b, address: "127.0.0.1:%d"}]
                %s
                """.formatted(backend.getLocalPort(), extraYaml));
    }

    /** Sends {@code request} through the proxy and returns the first {@code length} bytes the backend read. */
    private String forwarded(String request, int length) throws Exception {
        Future<String> received = backendThread.submit(() -> receive(length));
        String response = RawHttp.exchange(proxy.port(), request);
        assertThat(response).startsWith("HTTP/1.1 200 OK");
        return received.get(10, TimeUnit.SECONDS);
    }

    private String receive(int length) throws IOException {
        try (Socket socket = backend.accept()) {
            socket.setSoTimeout(5000);
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream seen = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            while (seen.size() < length) {
                int n = in.read(buffer, 0, Math.min(buffer.length, length - seen.size()));
                if (n < 0) {
                    break;
                }
                seen.write(buffer, 0, n);
            }
            socket.getOutputStream().write(OK.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return seen.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private static final String FORWARDED = "x-forwarded-for: 127.0.0.1\r\nx-forwarded-proto: http\r\n";

    @Test
    void forwardsTheHeadAsItCameWithForwardedFieldsAdded() throws Exception {
        start("");
        String head = "\r\nGET /a/b?c=d%20e HTTP/1.1\r\nHost:  example.test \r\nX-Case: Value  with\tspaces \r\n"
                + "Accept: */*\r\nX-Obs: caf\u00e9\r\n";
        String expected = head.substring(2) + FORWARDED + "x-forwarded-host: example.test\r\n\r\n";

        assertThat(forwarded(head + "Connection: close\r\n\r\n", expected.length())).isEqualTo(expected);
    }

    @Test
    void dropsHopByHopFieldsEveryFieldConnectionNamesAndUntrustedClientClaims() throws Exception {
        start("");
        String request = "GET / HTTP/1.1\r\nHost: h\r\nConnection: close, X-Hop-1 , x-hop-2\r\nKeep-Alive: timeout=5\r\n"
                + "X-Hop-1: a\r\nTE: trailers\r\nTrailer: X-T\r\nUpgrade: h2c\r\nProxy-Authorization: Basic eA==\r\n"
                + "Proxy-Connection: keep-alive\r\nX-HOP-2: b\r\nX-Kept: c\r\nconnection: a, b, c, d, e, f, g, h, i, j, X-Hop-3\r\n"
                + "X-Hop-3: d\r\nX-Forwarded-Proto: https\r\nX-Forwarded-Host: evil\r\nX-Forwarded-For: 6.6.6.6\r\n"
                + "X-Forwarded-For: 7.7.7.7\r\nForwarded: for=6.6.6.6;proto=https\r\nX-Real-IP: 6.6.6.6\r\n\r\n";
        String expected = "GET / HTTP/1.1\r\nHost: h\r\nX-Kept: c\r\n" + FORWARDED + "x-forwarded-host: h\r\n\r\n";

        assertThat(forwarded(request, expected.length())).isEqualTo(expected);
    }

    @Test
    void anAbsoluteFormTargetGoesInOriginFormWithItsAuthorityAsHost() throws Exception {
        start("");
        String request = "GET http://other.example:8080/abs?q=1 HTTP/1.1\r\nX-A: 1\r\nHost: a\r\nX-B: 2\r\nConnection: close\r\n\r\n";
        String expected = "GET /abs?q=1 HTTP/1.1\r\nX-A: 1\r\nX-B: 2\r\nhost: other.example:8080\r\n" + FORWARDED
                + "x-forwarded-host: other.example:8080\r\n\r\n";

        assertThat(forwarded(request, expected.length())).isEqualTo(expected);
    }

    @Test
    void anAbsoluteFormTargetWithoutPathAsksForSlash() throws Exception {
        start("");
        String expected = "GET /?x HTTP/1.1\r\nhost: h2\r\n" + FORWARDED + "x-forwarded-host: h2\r\n\r\n";

        assertThat(forwarded("GET HTTP://h2?x HTTP/1.1\r\nHost: other\r\nConnection: close\r\n\r\n", expected.length())).isEqualTo(expected);
    }

    @Test
    void connectionCannotTakeAwayFramingOrHost() throws Exception {
        start("");
        String head = "POST /p HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n";
        String request = head + "Connection: Content-Length, host, Transfer-Encoding, X-Gone, close\r\nX-Gone: 1\r\n\r\nhello";
        String expected = head + FORWARDED + "x-forwarded-host: h\r\n\r\nhello";

        assertThat(forwarded(request, expected.length())).isEqualTo(expected);
    }

    @Test
    void reframesAChunkedBodyWithItsTrailer() throws Exception {
        start("");
        String head = "POST /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n";
        String request = head + "Connection: close\r\n\r\n5;ext=\"v\"\r\nhello\r\n6\r\n world\r\n0\r\nX-Checksum: 1\r\nX-Content-Length-Of-The-Whole-Body: 11\r\n\r\n";
        String expected = head + FORWARDED + "x-forwarded-host: h\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\nX-Checksum: 1\r\nX-Content-Length-Of-The-Whole-Body: 11\r\n\r\n";

        assertThat(forwarded(request, expected.length())).isEqualTo(expected);
    }

    @Test
    void keepsAndExtendsForwardedFieldsOfATrustedProxy() throws Exception {
        start("http: {trusted_proxies: [127.0.0.0/8]}");
        String request = "GET / HTTP/1.0\r\nX-Forwarded-For:  203.0.113.7, 10.0.0.1 \r\nX-Forwarded-For: 10.9.9.9\r\n"
                + "X-Forwarded-Proto: https\r\nx-forwarded-host: public.example\r\nForwarded: for=203.0.113.7\r\n"
                + "X-Real-IP: 203.0.113.7\r\n\r\n";
        String expected = "GET / HTTP/1.0\r\nX-Forwarded-Proto: https\r\nx-forwarded-host: public.example\r\n"
                + "Forwarded: for=203.0.113.7\r\nX-Real-IP: 203.0.113.7\r\n"
                + "x-forwarded-for: 203.0.113.7, 10.0.0.1, 127.0.0.1\r\nconnection: keep-alive\r\n\r\n";

        assertThat(forwarded(request, expected.length())).isEqualTo(expected);
    }

    @Test
    void forwardsAHeadThatArrivedOneByteAtATime() throws Exception {
        start("");
        String head = "POST /slow HTTP/1.1\r\nHost: h\r\nConnection: X-Hop\r\nX-Hop: 1\r\nContent-Length: 3\r\n\r\n";
        String expected = "POST /slow HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n" + FORWARDED + "x-forwarded-host: h\r\n\r\nabc";
        Future<String> received = backendThread.submit(() -> receive(expected.length()));
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
            client.setTcpNoDelay(true);
            client.setSoTimeout(5000);
            for (byte b : (head + "abc").getBytes(StandardCharsets.US_ASCII)) {
                client.getOutputStream().write(b);
                client.getOutputStream().flush();
            }
            assertThat(received.get(10, TimeUnit.SECONDS)).isEqualTo(expected);
            byte[] answer = client.getInputStream().readNBytes(OK.length());
            assertThat(new String(answer, StandardCharsets.US_ASCII)).isEqualTo(OK);
        }
    }

    @Test
    void addsNoForwardedHostWithoutAHost() throws Exception {
        start("");
        String expected = "GET / HTTP/1.0\r\n" + FORWARDED + "connection: keep-alive\r\n\r\n";

        assertThat(forwarded("GET / HTTP/1.0\r\n\r\n", expected.length())).isEqualTo(expected);
    }
}
