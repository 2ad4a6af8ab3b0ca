package io.balance.proxy.http;

import static io.balance.proxy.http.RejectReason.BAD_CONTENT_LENGTH;
import static io.balance.proxy.http.RejectReason.BAD_HEADER;
import static io.balance.proxy.http.RejectReason.BAD_HOST;
import static io.balance.proxy.http.RejectReason.BAD_METHOD;
import static io.balance.proxy.http.RejectReason.BAD_REQUEST_TARGET;
import static io.balance.proxy.http.RejectReason.BAD_TRANSFER_ENCODING;
import static io.balance.proxy.http.RejectReason.CL_AND_TE;
import static io.balance.proxy.http.RejectReason.CONNECT_NOT_SUPPORTED;
import static io.balance.proxy.http.RejectReason.HEADER_TOO_LARGE;
import static io.balance.proxy.http.RejectReason.MALFORMED;
import static io.balance.proxy.http.RejectReason.OBS_FOLD;
import static io.balance.proxy.http.RejectReason.REQUEST_LINE_TOO_LONG;
import static io.balance.proxy.http.RejectReason.TOO_MANY_HEADERS;
import static io.balance.proxy.http.RejectReason.UNSUPPORTED_VERSION;
import static io.balance.proxy.http.RejectReason.UPGRADE_NOT_SUPPORTED;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every request that must not reach a backend, sent as raw bytes over a real socket: each gets
 * its status with {@code Connection: close}, the connection closes, and the reason is counted.
 * Limits: request line 256, header section 1024 bytes, 10 header fields.
 */
class RequestRejectionTest {
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

    static Stream<Arguments> rejectedRequests() {
        return Stream.of(
                // limits
                reject("request line too long", "GET /" + "a".repeat(300) + " HTTP/1.1\r\nHost: a\r\n\r\n", 414, REQUEST_LINE_TOO_LONG),
                reject("header section too large", get("X-Big: " + "b".repeat(1100) + "\r\n"), 431, HEADER_TOO_LARGE),
                reject("too many header fields", get("X-1: 1\r\nX-2: 2\r\nX-3: 3\r\nX-4: 4\r\nX-5: 5\r\n"
                        + "X-6: 6\r\nX-7: 7\r\nX-8: 8\r\nX-9: 9\r\nX-10: 10\r\n"), 431, TOO_MANY_HEADERS),
                reject("request line one byte over the limit", "GET /" + "a".repeat(243) + " HTTP/1.1\r\nHost: a\r\n\r\n", 414,
                        REQUEST_LINE_TOO_LONG),
                reject("empty lines before the request line beyond its limit", "\r\n".repeat(200) + "GET / HTTP/1.1\r\nHost: a\r\n\r\n",
                        414, REQUEST_LINE_TOO_LONG),
                reject("header section one byte over the limit", get("X-Pad: " + "p".repeat(1005) + "\r\n"), 431, HEADER_TOO_LARGE),
                // Content-Length and Transfer-Encoding
                reject("Content-Length with Transfer-Encoding",
                        post("Content-Length: 5\r\nTransfer-Encoding: chunked\r\n", "0\r\n\r\n"), 400, CL_AND_TE),
                reject("two equal Content-Lengths", post("Content-Length: 3\r\nContent-Length: 3\r\n", "abc"), 400, BAD_CONTENT_LENGTH),
                reject("Content-Length list", post("Content-Length: 3, 3\r\n", "abc"), 400, BAD_CONTENT_LENGTH),
                reject("Content-Length with plus sign", post("Content-Length: +3\r\n", "abc"), 400, BAD_CONTENT_LENGTH),
                reject("negative Content-Length", post("Content-Length: -3\r\n", "abc"), 400, BAD_CONTENT_LENGTH),
                reject("empty Content-Length", post("Content-Length: \r\n", "abc"), 400, BAD_CONTENT_LENGTH),
                reject("Content-Length not a number", post("Content-Length: 3a\r\n", "abc"), 400, BAD_CONTENT_LENGTH),
                reject("Content-Length overflow", post("Content-Length: 99999999999999999999\r\n", "abc"), 400, BAD_CONTENT_LENGTH),
                reject("Transfer-Encoding gzip", post("Transfer-Encoding: gzip\r\n", "abc"), 400, BAD_TRANSFER_ENCODING),
                reject("chunked then gzip", post("Transfer-Encoding: chunked, gzip\r\n", "abc"), 400, BAD_TRANSFER_ENCODING),
                reject("gzip then chunked", post("Transfer-Encoding: gzip, chunked\r\n", "0\r\n\r\n"), 400, BAD_TRANSFER_ENCODING),
                reject("chunked twice in one field", post("Transfer-Encoding: chunked, chunked\r\n", "0\r\n\r\n"), 400, BAD_TRANSFER_ENCODING),
                reject("chunked with trailing comma", post("Transfer-Encoding: chunked,\r\n", "0\r\n\r\n"), 400, BAD_TRANSFER_ENCODING),
                reject("Transfer-Encoding identity", post("Transfer-Encoding: identity\r\n", ""), 400, BAD_TRANSFER_ENCODING),
                reject("two Transfer-Encoding fields",
                        post("Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n", "0\r\n\r\n"), 400, BAD_TRANSFER_ENCODING),
                reject("xchunked", post("Transfer-Encoding: xchunked\r\n", "0\r\n\r\n"), 400, BAD_TRANSFER_ENCODING),
                reject("chunked followed by a semicolon", post("Transfer-Encoding: chunked ;\r\n", "0\r\n\r\n"), 400, BAD_TRANSFER_ENCODING),
                reject("Transfer-Encoding in HTTP/1.0",
                        "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400, BAD_TRANSFER_ENCODING),
                // header field syntax
                reject("obs-fold with a space", get("X-A: one\r\n two\r\n"), 400, OBS_FOLD),
                reject("obs-fold with a tab", get("X-A: one\r\n\ttwo\r\n"), 400, OBS_FOLD),
                reject("first field line starts with a space", "GET / HTTP/1.1\r\n Host: a\r\n\r\n", 400, OBS_FOLD),
                reject("control character in a value", get("X-A: o\u0001ne\r\n"), 400, BAD_HEADER),
                reject("NUL in a value", get("X-A: o\u0000ne\r\n"), 400, BAD_HEADER),
                reject("DEL in a value", get("X-A: o\u007fne\r\n"), 400, BAD_HEADER),
                reject("bare CR in a value", get("X-A: o\rne\r\n"), 400, BAD_HEADER),
                reject("control character in a name", get("X\u0001A: one\r\n"), 400, BAD_HEADER),
                reject("space before the colon", get("X-A : one\r\n"), 400, BAD_HEADER),
                reject("tab before the colon", get("X-A\t: one\r\n"), 400, BAD_HEADER),
                reject("parenthesis in a name", get("X(A): one\r\n"), 400, BAD_HEADER),
                reject("at sign in a name", get("X@A: one\r\n"), 400, BAD_HEADER),
                reject("non-ASCII name", get("X\u00e9: one\r\n"), 400, BAD_HEADER),
                reject("empty name", get(": one\r\n"), 400, BAD_HEADER),
                reject("line without a colon", get("X-A one\r\n"), 400, BAD_HEADER),
                // Host
                reject("HTTP/1.1 without Host", "GET / HTTP/1.1\r\n\r\n", 400, BAD_HOST),
                reject("two Host fields", get("Host: b\r\n"), 400, BAD_HOST),
                reject("empty Host", "GET / HTTP/1.1\r\nHost: \r\n\r\n", 400, BAD_HOST),
                reject("Host with a comma", "GET / HTTP/1.1\r\nHost: a,b\r\n\r\n", 400, BAD_HOST),
                reject("Host with a path", "GET / HTTP/1.1\r\nHost: a/b\r\n\r\n", 400, BAD_HOST),
                reject("Host with a space", "GET / HTTP/1.1\r\nHost: a b\r\n\r\n", 400, BAD_HOST),
                reject("Host with a bad port", "GET / HTTP/1.1\r\nHost: a:http\r\n\r\n", 400, BAD_HOST),
                reject("Host with an unclosed IPv6 literal", "GET / HTTP/1.1\r\nHost: [::1\r\n\r\n", 400, BAD_HOST),
                reject("two Hosts in HTTP/1.0", "GET / HTTP/1.0\r\nHost: a\r\nHost: b\r\n\r\n", 400, BAD_HOST),
                // request line
                reject("target without a leading slash", "GET foo HTTP/1.1\r\nHost: a\r\n\r\n", 400, BAD_REQUEST_TARGET),
                reject("asterisk target for GET", "GET * HTTP/1.1\r\nHost: a\r\n\r\n", 400, BAD_REQUEST_TARGET),
                reject("https absolute form", "GET https://a/ HTTP/1.1\r\nHost: a\r\n\r\n", 400, BAD_REQUEST_TARGET),
                reject("absolute form without authority", "GET http:///x HTTP/1.1\r\nHost: a\r\n\r\n", 400, BAD_REQUEST_TARGET),
                reject("absolute form with userinfo", "GET http://u@a/x HTTP/1.1\r\nHost: a\r\n\r\n", 400, BAD_REQUEST_TARGET),
                reject("absolute form with a bad port", "GET http://a:x/ HTTP/1.1\r\nHost: a\r\n\r\n", 400, BAD_REQUEST_TARGET),
                reject("fragment in target", "GET /a#b HTTP/1.1\r\nHost: a\r\n\r\n", 400, BAD_REQUEST_TARGET),
                reject("non-ASCII byte in target", "GET /caf\u00e9 HTTP/1.1\r\nHost: a\r\n\r\n", 400, BAD_REQUEST_TARGET),
                reject("control character in target", "GET /a\u0001 HTTP/1.1\r\nHost: a\r\n\r\n", 400, BAD_REQUEST_TARGET),
                reject("lower-case method", "get / HTTP/1.1\r\nHost: a\r\n\r\n", 400, BAD_METHOD),
                reject("unknown method", "FOO / HTTP/1.1\r\nHost: a\r\n\r\n", 400, BAD_METHOD),
                reject("non-token character in method", "G(T / HTTP/1.1\r\nHost: a\r\n\r\n", 400, BAD_METHOD),
                reject("lower-case protocol name", "GET / http/1.1\r\nHost: a\r\n\r\n", 400, MALFORMED),
                reject("tabs between request-line words", "GET\t/\tHTTP/1.1\r\nHost: a\r\n\r\n", 400, MALFORMED),
                reject("two spaces between request-line words", "GET  / HTTP/1.1\r\nHost: a\r\n\r\n", 400, MALFORMED),
                reject("space after the version", "GET / HTTP/1.1 \r\nHost: a\r\n\r\n", 400, MALFORMED),
                reject("HTTP/0.9 request line", "GET /\r\n\r\n", 400, MALFORMED),
                reject("bare LF line endings", "GET / HTTP/1.1\nHost: a\n\n", 400, MALFORMED),
                reject("bare LF ending the head", "GET / HTTP/1.1\r\nHost: a\r\n\n", 400, MALFORMED),
                reject("junk before the request line", "\u0001GET / HTTP/1.1\r\nHost: a\r\n\r\n", 400, MALFORMED),
                reject("HTTP/1.2", "GET / HTTP/1.2\r\nHost: a\r\n\r\n", 505, UNSUPPORTED_VERSION),
                reject("HTTP/2 connection preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 505, UNSUPPORTED_VERSION),
                // not implemented
                reject("WebSocket upgrade", get("Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
                        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"), 501, UPGRADE_NOT_SUPPORTED),
                reject("upgrade offering h2c among others", get("Connection: Upgrade\r\nUpgrade: h2c, websocket\r\n"),
                        501, UPGRADE_NOT_SUPPORTED),
                reject("CONNECT", "CONNECT a:443 HTTP/1.1\r\nHost: a:443\r\n\r\n", 501, CONNECT_NOT_SUPPORTED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejectedRequests")
    void answersWithStatusClosesAndCountsTheReason(String name, String raw, int status, RejectReason reason) throws Exception {
        try (RawClient client = new RawClient(server.port())) {
            RawClient.Response response = client.send(raw).readResponse();

            assertThat(response.status()).isEqualTo(status);
            assertThat(response.header("Connection")).isEqualToIgnoringCase("close");
            assertThat(response.header("Content-Type")).isEqualTo("text/plain");
            assertThat(response.body()).isEqualTo(reason.problem() + "\n");
            assertThat(client.closedByServer()).isTrue();
            server.awaitRejects(reason);
        }
    }

    private static Arguments reject(String name, String raw, int status, RejectReason reason) {
        return Arguments.of(name, raw, status, reason);
    }

    private static String get(String headers) {
        return "GET / HTTP/1.1\r\nHost: a\r\n" + headers + "\r\n";
    }

    private static String post(String headers, String body) {
        return "POST / HTTP/1.1\r\nHost: a\r\n" + headers + "\r\n" + body;
    }
}
