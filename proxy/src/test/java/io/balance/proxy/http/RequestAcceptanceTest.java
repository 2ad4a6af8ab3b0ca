package io.balance.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Well-formed requests pass the guards untouched, over a real socket, and keep the connection. */
class RequestAcceptanceTest {
    private static GuardedServer server;

    @BeforeAll
    static void start() throws InterruptedException {
        server = new GuardedServer(Duration.ofSeconds(10));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void clearRecords() {
        server.reset();
    }

    @Test
    void servesGetAndKeepsTheConnectionOpen() throws Exception {
        try (RawClient client = new RawClient(server.port())) {
            assertOk(client.send("GET /first HTTP/1.1\r\nHost: example.com\r\n\r\n").readResponse(), "/first", "");
            assertOk(client.send("GET /second HTTP/1.1\r\nHost: example.com:8080\r\n\r\n").readResponse(), "/second", "");
        }
        assertThat(server.rejects()).isEmpty();
    }

    @Test
    void passesContentLengthBody() throws Exception {
        try (RawClient client = new RawClient(server.port())) {
            client.send("POST /upload HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\n\r\nhello world");

            assertOk(client.readResponse(), "/upload", "hello world");
        }
    }

    @Test
    void passesChunkedBodyAsItCameWithoutExtensions() throws Exception {
        try (RawClient client = new RawClient(server.port())) {
            client.send("POST /chunks HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: Chunked\r\n\r\n"
                    + "5;name=\"v\"\r\nhello\r\n6 ; a ; b=\"x;y\"\r\n world\r\n0;last\r\nX-Checksum: 1\r\n\r\n");

            assertOk(client.readResponse(), "/chunks", "5\r\nhello\r\n6\r\n world\r\n0\r\nX-Checksum: 1\r\n\r\n");
        }
        assertThat(server.rejects()).isEmpty();
    }

    @Test
    void acceptsRequestLineAndHeaderSectionExactlyAtTheirLimits() throws Exception {
        String target = "/" + "a".repeat(242); // GET, the target and HTTP/1.1: 256 bytes
        String pad = "p".repeat(1004); // Host, X-Pad and the empty line: 1024 bytes
        try (RawClient client = new RawClient(server.port())) {
            assertOk(client.send("GET " + target + " HTTP/1.1\r\nHost: a\r\n\r\n").readResponse(), target, "");
            assertOk(client.send("GET / HTTP/1.1\r\nHost: a\r\nX-Pad: " + pad + "\r\n\r\n").readResponse(), "/", "");
        }
        assertThat(server.rejects()).isEmpty();
    }

    @Test
    void answersPipelinedRequestsInOrder() throws Exception {
        try (RawClient client = new RawClient(server.port())) {
            client.send("GET /slow HTTP/1.1\r\nHost: a\r\n\r\nGET /fast HTTP/1.1\r\nHost: a\r\n\r\n");

            assertOk(client.readResponse(), "/slow", "");
            assertOk(client.readResponse(), "/fast", "");
        }
    }

    @Test
    void reassemblesHeadSentOneByteAtATime() throws Exception {
        try (RawClient client = new RawClient(server.port())) {
            client.sendByteByByte("\r\nPOST /bytes HTTP/1.1\r\nHost: a\r\nX-A: b\r\nContent-Length: 3\r\n\r\nabc");

            assertOk(client.readResponse(), "/bytes", "abc");
        }
    }

    @Test
    void doesNotScanContentLengthBodyAsHeaders() throws Exception {
        String body = "x\r\n Folded: x\r\n\r\nGET /smuggled HTTP/1.1\r\n\r\n";
        try (RawClient client = new RawClient(server.port())) {
            client.send("POST /body HTTP/1.1\r\nHost: a\r\nContent-Length: " + body.length() + "\r\n\r\n" + body
                    + "GET /next HTTP/1.1\r\nHost: a\r\n\r\n");

            assertOk(client.readResponse(), "/body", body);
            assertOk(client.readResponse(), "/next", "");
        }
        assertThat(server.rejects()).isEmpty();
    }

    @Test
    void doesNotScanChunkDataAsHeaders() throws Exception {
        String data = "x\r\n Folded: x\r\n\r\n";
        try (RawClient client = new RawClient(server.port())) {
            client.send("POST /chunked HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + Integer.toHexString(data.length()) + "\r\n" + data + "\r\n0\r\n\r\n"
                    + "GET /next HTTP/1.1\r\nHost: a\r\n\r\n");

            assertOk(client.readResponse(), "/chunked", Integer.toHexString(data.length()) + "\r\n" + data + "\r\n0\r\n\r\n");
            assertOk(client.readResponse(), "/next", "");
        }
        assertThat(server.rejects()).isEmpty();
    }

    @Test
    void acceptsHttp10WithoutHost() throws Exception {
        try (RawClient client = new RawClient(server.port())) {
            RawClient.Response response = client.send("GET /old HTTP/1.0\r\n\r\n").readResponse();

            assertThat(response.status()).isEqualTo(200);
            assertThat(client.closedByServer()).isTrue();
        }
        assertThat(server.rejects()).isEmpty();
    }

    @Test
    void acceptsAsteriskFormForOptionsAndAbsoluteForm() throws Exception {
        try (RawClient client = new RawClient(server.port())) {
            assertOk(client.send("OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n").readResponse(), "*", "");
            assertOk(client.send("GET http://a/x?y=1 HTTP/1.1\r\nHost: a\r\n\r\n").readResponse(), "http://a/x?y=1", "");
            assertOk(client.send("GET / HTTP/1.1\r\nHost: [::1]:8080\r\n\r\n").readResponse(), "/", "");
        }
    }

    @Test
    void answersRejectOnlyAfterEarlierPipelinedResponse() throws Exception {
        try (RawClient client = new RawClient(server.port())) {
            client.send("GET /slow HTTP/1.1\r\nHost: a\r\n\r\nGET /no-host HTTP/1.1\r\n\r\n");

            assertOk(client.readResponse(), "/slow", "");
            assertThat(client.readResponse().status()).isEqualTo(400);
            assertThat(client.closedByServer()).isTrue();
        }
        server.awaitRejects(RejectReason.BAD_HOST);
    }

    static Stream<Arguments> bodiesBrokenAfterTheHead() {
        return Stream.of(
                Arguments.of("bad chunk framing", "3\r\nabcXX\r\n0\r\n\r\n", RejectReason.BAD_CHUNK),
                Arguments.of("folded trailer", "3\r\nabc\r\n0\r\nX-T: 1\r\n 2\r\n\r\n", RejectReason.OBS_FOLD),
                Arguments.of("control character in a chunk extension", "3;a=\u0001\r\nabc\r\n0\r\n\r\n", RejectReason.BAD_CHUNK),
                Arguments.of("framing field in the trailer", "3\r\nabc\r\n0\r\nX-T: 1\r\nContent-Length: 5\r\n\r\n",
                        RejectReason.BAD_HEADER),
                Arguments.of("Host in the trailer", "3\r\nabc\r\n0\r\nhOsT: other\r\n\r\n", RejectReason.BAD_HEADER),
                Arguments.of("client address claim in the trailer", "3\r\nabc\r\n0\r\nX-Forwarded-For: 6.6.6.6\r\n\r\n",
                        RejectReason.BAD_HEADER),
                Arguments.of("trailer section too large", "3\r\nabc\r\n0\r\nX-T: " + "t".repeat(1100) + "\r\n\r\n",
                        RejectReason.HEADER_TOO_LARGE));
    }

    /** The head went on before the body broke: no clean answer is possible, the connection closes. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("bodiesBrokenAfterTheHead")
    void closesWithoutAnswerWhenTheBodyBreaksAfterTheHead(String name, String body, RejectReason reason) throws Exception {
        try (RawClient client = new RawClient(server.port())) {
            client.send("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n" + body);

            assertThat(client.closedByServer()).isTrue();
        }
        server.awaitRejects(reason);
        assertThat(server.abortedBodies()).isEqualTo(1);
    }

    @Test
    void keepsConnectionUsableWhenNothingIsSent() throws Exception {
        try (RawClient client = new RawClient(server.port())) {
            client.readTimeout(200);
            try {
                client.closedByServer();
            } catch (SocketTimeoutException expected) {
                // nothing arrived and the connection is still open
            }
            client.readTimeout(5_000);
            assertOk(client.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n").readResponse(), "/", "");
        }
    }

    /** 200 for {@code uri}, whose body arrived as {@code body}. */
    private static void assertOk(RawClient.Response response, String uri, String body) {
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("X-Uri")).isEqualTo(uri);
        assertThat(response.body()).isEqualTo(body);
    }
}
