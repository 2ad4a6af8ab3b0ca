package io.balance.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.balance.proxy.testing.RawHttp;
import io.balance.proxy.testing.RunningProxy;
import io.balance.proxy.testing.TestHttpBackend;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpProxyTest {
    private final TestHttpBackend a = TestHttpBackend.start("a");
    private final TestHttpBackend b = TestHttpBackend.start("b");
    private RunningProxy proxy;

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.close();
        }
        a.close();
        b.close();
    }

    private RunningProxy proxy(String extra) {
        proxy = RunningProxy.start("""
                mode: http
                backends:
                  - {name: a, address: "%s"}
                  - {name: b, address: "%s"}
                %s
                """.formatted(a.address(), b.address(), extra));
        return proxy;
    }

    /** How many of {@code requests} plain GETs each backend answered; each must be a 200. */
    private Map<String, Integer> backendsOf(int requests) throws Exception {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < requests; i++) {
            HttpResponse<String> response = proxy.get("/");
            assertThat(response.statusCode()).isEqualTo(200);
            seen.merge(response.body(), 1, Integer::sum);
        }
        return seen;
    }

    @Test
    void countsConnectionsAndBytesBothWaysRefusalsIncluded() throws Exception {
        proxy("");
        double connectionsBefore = proxy.metric("balance_tcp_connections_total");
        double inBefore = proxy.metric("balance_bytes_total{direction=\"in\"}");
        double outBefore = proxy.metric("balance_bytes_total{direction=\"out\"}");
        String[] requests = {
            "GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
            "POST /c HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello",
            "GET /refused HTTP/1.1\r\n\r\n", // no Host: 400 from the proxy itself
        };
        long sent = 0;
        long received = 0;
        for (String request : requests) {
            String response = RawHttp.exchange(proxy.port(), request);
            assertThat(response).startsWith("HTTP/1.1 ");
            sent += request.length();
            received += response.length();
        }
        long bytesIn = sent;
        long bytesOut = received;
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(proxy.metric("balance_tcp_connections_total") - connectionsBefore).isEqualTo(3.0);
            assertThat(proxy.metric("balance_bytes_total{direction=\"in\"}") - inBefore).isEqualTo(bytesIn);
            assertThat(proxy.metric("balance_bytes_total{direction=\"out\"}") - outBefore).isEqualTo(bytesOut);
            assertThat(proxy.metric("balance_active_connections")).isZero();
        });
    }

    @Test
    void spreadsRequestsOverBackendsInTurn() throws Exception {
        proxy("load_balancer: {algorithm: round-robin}");
        assertThat(backendsOf(20)).containsEntry("a", 10).containsEntry("b", 10);
    }

    @Test
    void routesByTheHashHeaderAndServesRequestsWithoutIt() throws Exception {
        proxy("load_balancer: {algorithm: consistent-hash, hash_key: \"header:X-User\"}");
        Map<String, String> backendOfUser = new HashMap<>();
        for (int round = 0; round < 3; round++) {
            for (int user = 0; user < 20; user++) {
                HttpResponse<String> response = RunningProxy.client().send(HttpRequest.newBuilder(URI.create(proxy.url("/")))
                        .header("X-User", "user-" + user).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(200);
                String previous = backendOfUser.putIfAbsent("user-" + user, response.body());
                assertThat(previous).as("user-%d keeps its backend", user).isIn(null, response.body());
            }
        }
        assertThat(backendOfUser.values()).contains("a", "b");
        assertThat(proxy.get("/").statusCode()).as("no X-User: hashed by the client address").isEqualTo(200);
    }

    @Test
    void reachesABackendNamedByHostNameNextToAnIpLiteral() throws Exception {
        proxy = RunningProxy.start("""
                mode: http
                backends:
                  - {name: a, address: "localhost:%d"}
                  - {name: b, address: "%s"}
                load_balancer: {algorithm: round-robin}
                """.formatted(a.port(), b.address()));
        assertThat(backendsOf(10)).containsEntry("a", 5).containsEntry("b", 5);
    }

    @Test
    void reusesBackendConnectionsAcrossRequests() throws Exception {
        proxy("");
        for (int i = 0; i < 50; i++) {
            assertThat(proxy.get("/").statusCode()).isEqualTo(200);
        }
        assertThat(a.requests() + b.requests()).isEqualTo(50);
        assertThat(a.connections() + b.connections()).isLessThanOrEqualTo(4);
    }

    @Test
    void streamsRequestAndResponseBodiesThrough() throws Exception {
        proxy("");
        byte[] body = new byte[3 * 1024 * 1024];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) (i * 31);
        }
        HttpResponse<byte[]> response = RunningProxy.client().send(HttpRequest.newBuilder(URI.create(proxy.url("/echo")))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(body);
    }

    @Test
    void setsForwardedHeadersAndDropsHopByHopOnes() throws Exception {
        proxy("");
        String response = RawHttp.exchange(proxy.port(), "GET /headers HTTP/1.1\r\nHost: example.test\r\n"
                + "X-Forwarded-For: 6.6.6.6\r\nX-Custom-Hop: secret\r\nKeep-Alive: timeout=5\r\n"
                + "Connection: close, X-Custom-Hop\r\nX-Kept: yes\r\n\r\n");
        assertThat(response)
                .startsWith("HTTP/1.1 200")
                .contains("x-forwarded-for: 127.0.0.1\n")
                .contains("x-forwarded-proto: http\n")
                .contains("x-forwarded-host: example.test\n")
                .contains("x-kept: yes")
                .doesNotContain("6.6.6.6")
                .doesNotContain("x-custom-hop")
                .doesNotContain("keep-alive");
    }

    @Test
    void extendsForwardedForFromATrustedProxy() throws Exception {
        proxy("http: {trusted_proxies: [127.0.0.0/8]}");
        String response = RawHttp.exchange(proxy.port(), "GET /headers HTTP/1.1\r\nHost: example.test\r\n"
                + "X-Forwarded-For: 203.0.113.7\r\nX-Forwarded-Proto: https\r\nConnection: close\r\n\r\n");
        assertThat(response).contains("x-forwarded-for: 203.0.113.7, 127.0.0.1\n").contains("x-forwarded-proto: https\n");
    }

    @Test
    void answersPipelinedRequestsInOrder() throws Exception {
        proxy("");
        String response = RawHttp.exchange(proxy.port(), "GET /delay/200 HTTP/1.1\r\nHost: x\r\n\r\n"
                + "GET /status/201 HTTP/1.1\r\nHost: x\r\n\r\n"
                + "GET /status/202 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        int first = response.indexOf("HTTP/1.1 200");
        int second = response.indexOf("HTTP/1.1 201");
        int third = response.indexOf("HTTP/1.1 202");
        assertThat(first).isGreaterThanOrEqualTo(0);
        assertThat(second).isGreaterThan(first);
        assertThat(third).isGreaterThan(second);
    }

    @Test
    void answersAPipelinedRejectOnlyAfterEveryForwardedResponseBeforeIt() throws Exception {
        proxy("");
        String response = RawHttp.exchange(proxy.port(), "GET /delay/200 HTTP/1.1\r\nHost: x\r\n\r\n"
                + "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\nhello"
                + "GET /twice HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n");
        int delayed = response.indexOf("HTTP/1.1 200");
        int interim = response.indexOf("HTTP/1.1 100 Continue");
        int echoed = response.indexOf("HTTP/1.1 200", delayed + 1);
        int rejected = response.indexOf("HTTP/1.1 400");
        assertThat(delayed).isZero();
        assertThat(interim).isGreaterThan(delayed);
        assertThat(echoed).isGreaterThan(interim);
        assertThat(response.indexOf("hello", echoed)).isGreaterThan(echoed);
        assertThat(rejected).isGreaterThan(response.indexOf("hello", echoed));
    }

    @Test
    void servesHttp10ClientsAndClosesAfterTheResponse() throws Exception {
        proxy("");
        String response = RawHttp.exchange(proxy.port(), "GET / HTTP/1.0\r\n\r\n");
        assertThat(response).startsWith("HTTP/1.1 200").contains("connection: close").endsWith("\r\n\r\na").doesNotContain("chunked");
    }

    @Test
    void keepsHttp10KeepAliveWhenAsked() throws Exception {
        proxy("");
        String response = RawHttp.exchange(proxy.port(), "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"
                + "GET / HTTP/1.0\r\n\r\n");
        assertThat(response.split("HTTP/1.1 200", -1)).hasSize(3);
        assertThat(response).contains("connection: keep-alive");
    }

    @Test
    void answersHeadWithoutABody() throws Exception {
        proxy("");
        String response = RawHttp.exchange(proxy.port(), "HEAD / HTTP/1.1\r\nHost: x\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(response.split("HTTP/1.1 200", -1)).hasSize(3);
        assertThat(response).contains("content-length: 1");
    }

    @Test
    void relaysAnInterimContinueBeforeTheFinalResponse() throws Exception {
        proxy("");
        try (java.net.Socket socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), proxy.port())) {
            socket.setSoTimeout(10_000);
            var out = socket.getOutputStream();
            out.write("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n"
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.flush();
            byte[] interim = new byte[25];
            int n = socket.getInputStream().readNBytes(interim, 0, "HTTP/1.1 100 Continue\r\n\r\n".length());
            assertThat(new String(interim, 0, n, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");
            out.write("hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.flush();
            String rest = RawHttp.readAll(socket.getInputStream());
            assertThat(rest).startsWith("HTTP/1.1 200").endsWith("hello");
        }
    }

    @Test
    void givesUpOnAClientThatStopsReadingTheResponse() throws Exception {
        proxy("timeouts: {write: 500ms}");
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.setReceiveBufferSize(4096);
            socket.connect(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), proxy.port()));
            socket.getOutputStream().write("GET /bytes/40000000 HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15))
                    .until(() -> proxy.metric("balance_rejected_requests_total{reason=\"write_timeout\"}") == 1.0);
        }
        assertThat(proxy.get("/").statusCode()).isEqualTo(200);
    }

    @Test
    void servesAnH2cUpgradeOfferAsPlainHttp11() throws Exception {
        proxy("");
        String response = RawHttp.exchange(proxy.port(), "GET /headers HTTP/1.1\r\nHost: example.test\r\n"
                + "Connection: Upgrade, HTTP2-Settings, close\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n\r\n");
        assertThat(response).startsWith("HTTP/1.1 200").doesNotContain("upgrade").doesNotContain("http2-settings");
    }

    @Test
    void answers400AndClosesWhenTheChunkedBodyBreaksAfterTheHeadWentOut() throws Exception {
        proxy("");
        String response = RawHttp.exchange(proxy.port(), "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "3\r\nabcXX\r\n0\r\n\r\n");
        assertThat(response).startsWith("HTTP/1.1 400 Bad Request\r\n").contains("connection: close").contains("malformed request body");
        assertThat(proxy.metric("balance_rejected_requests_total{reason=\"bad_chunk\"}")).isEqualTo(1.0);
    }

    @Test
    void answers431WhenTheChunkedBodysTrailerSectionIsTooLarge() throws Exception {
        proxy("http: {max_header_size: 1024, max_headers: 10}");
        String trailerTooLarge = RawHttp.exchange(proxy.port(), "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "3\r\nabc\r\n0\r\nX-T: " + "t".repeat(1100) + "\r\n\r\n");
        StringBuilder manyFields = new StringBuilder();
        for (int i = 0; i < 11; i++) {
            manyFields.append("X-T").append(i).append(": v\r\n");
        }
        String tooManyTrailers = RawHttp.exchange(proxy.port(), "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "3\r\nabc\r\n0\r\n" + manyFields + "\r\n");

        assertThat(trailerTooLarge).startsWith("HTTP/1.1 431 Request Header Fields Too Large\r\n").contains("connection: close")
                .contains("request trailer fields too large");
        assertThat(tooManyTrailers).startsWith("HTTP/1.1 431 Request Header Fields Too Large\r\n");
        assertThat(proxy.metric("balance_rejected_requests_total{reason=\"header_too_large\"}")).isEqualTo(1.0);
        assertThat(proxy.metric("balance_rejected_requests_total{reason=\"too_many_headers\"}")).isEqualTo(1.0);
    }

    @Test
    void answers408WhenTheRequestBodyStallsForTheReadTimeout() throws Exception {
        proxy("timeouts: {read: 300ms, idle: 60s}");
        long start = System.nanoTime();
        String fixed = RawHttp.exchange(proxy.port(), "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc");
        String chunked = RawHttp.exchange(proxy.port(), "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "3\r\nabc\r\n");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(fixed).startsWith("HTTP/1.1 408 Request Timeout\r\n").contains("connection: close")
                .contains("request body not received in time");
        assertThat(chunked).startsWith("HTTP/1.1 408 Request Timeout\r\n");
        assertThat(proxy.metric("balance_rejected_requests_total{reason=\"body_timeout\"}")).isEqualTo(2.0);
    }

    @Test
    void aSlowBodyThatKeepsComingIsNotCutOff() throws Exception {
        proxy("timeouts: {read: 300ms}");
        try (java.net.Socket socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), proxy.port())) {
            socket.setSoTimeout(10_000);
            java.io.OutputStream out = socket.getOutputStream();
            out.write("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 8\r\nConnection: close\r\n\r\n"
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            for (int i = 0; i < 8; i++) {
                out.write('a' + i);
                out.flush();
                long next = System.nanoTime() + Duration.ofMillis(100).toNanos();
                await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(10)).until(() -> System.nanoTime() >= next);
            }
            String response = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
            assertThat(response).startsWith("HTTP/1.1 200").endsWith("abcdefgh");
        }
        assertThat(proxy.metric("balance_rejected_requests_total{reason=\"body_timeout\"}")).isEqualTo(0.0);
    }

    @Test
    void answers502WhenEveryBackendIsDown() throws Exception {
        proxy("");
        a.kill();
        b.kill();
        HttpResponse<String> response = proxy.get("/");
        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.body()).startsWith("502 Bad Gateway");
        assertThat(proxy.metric("balance_rejected_requests_total{reason=\"connect_failed\"}")).isEqualTo(1.0);
    }

    @Test
    void failsOverToAnotherBackendWhenOneIsDown() throws Exception {
        proxy("");
        a.kill();
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> response = proxy.get("/");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("b");
        }
    }

    @Test
    void answers504WhenTheBackendDoesNotAnswerInTime() throws Exception {
        proxy("timeouts: {read: 300ms}");
        long start = System.nanoTime();
        HttpResponse<String> response = proxy.get("/stall");
        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(proxy.metric("balance_rejected_requests_total{reason=\"backend_timeout\"}")).isEqualTo(1.0);
    }

    @Test
    void countsRequestsPerBackendMethodAndCode() throws Exception {
        proxy("load_balancer: {algorithm: round-robin}");
        proxy.get("/status/404");
        proxy.get("/status/404");
        double total = proxy.metric("balance_http_requests_total{backend=\"a\",code=\"404\",method=\"GET\"}")
                + proxy.metric("balance_http_requests_total{backend=\"b\",code=\"404\",method=\"GET\"}");
        assertThat(total).isEqualTo(2.0);
    }
}
