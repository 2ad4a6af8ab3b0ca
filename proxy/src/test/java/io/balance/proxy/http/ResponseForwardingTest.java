package io.balance.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.balance.proxy.testing.RawHttp;
import io.balance.proxy.testing.RunningProxy;
import io.balance.proxy.testing.ScriptedBackend;
import io.balance.proxy.testing.ScriptedBackend.Answer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Backend responses forwarded as raw bytes: framing, hop-by-hop fields, and responses that are not HTTP. */
class ResponseForwardingTest {
    private static final String GET = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";
    private static final String GET_CLOSE = "GET /last HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";

    private ScriptedBackend backend;
    private RunningProxy proxy;

    @AfterEach
    void stop() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
        backend.close();
    }

    private void start(Function<String, Answer> script) throws Exception {
        backend = new ScriptedBackend(script);
        proxy = RunningProxy.start("""
                mode: http
                backends: [{name: s, address: "%s"}]
                resilience: {retry: {max_attempts: 1}}
                """.formatted(backend.address()));
    }

    @Test
    void forwardsAHeadSplitByteByByteAndDropsHopByHopFields() throws Exception {
        String response = "HTTP/1.1 200 OK\r\nConnection: keep-alive, X-Secret\r\nKeep-Alive: timeout=5\r\nX-Secret: s\r\n"
                + "Content-Length: 5\r\nX-Kept: k\r\n\r\nhello";
        start(head -> new Answer(bytesOf(response), false));

        String answer = RawHttp.exchange(proxy.port(), GET + GET_CLOSE);

        String expected = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-Kept: k\r\n\r\nhello";
        assertThat(answer).isEqualTo(expected + "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-Kept: k\r\nconnection: close\r\n\r\nhello");
        assertThat(backend.connections()).isEqualTo(1);
    }

    @Test
    void acceptsABackendThatEndsLinesWithBareLineFeeds() throws Exception {
        start(head -> new Answer(List.of("HTTP/1.1 200 OK\nContent-Length: 2\n", "X-A: 1\n\nok"), false));

        String answer = RawHttp.exchange(proxy.port(), GET + GET_CLOSE);

        assertThat(answer).isEqualTo("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nX-A: 1\r\n\r\nok"
                + "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nX-A: 1\r\nconnection: close\r\n\r\nok");
    }

    @Test
    void passesAChunkedBodyWithTrailersThroughVerbatim() throws Exception {
        String body = "4\r\nwiki\r\n6;ext=1\r\npedia \r\n0\r\nX-Trailer: t\r\nContent-Type: text/plain\r\n\r\n";
        start(head -> new Answer(List.of("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n", body.substring(0, 9),
                body.substring(9)), false));

        String answer = RawHttp.exchange(proxy.port(), GET + GET_CLOSE);

        assertThat(answer).startsWith("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + body + "HTTP/1.1 200 OK\r\n");
        assertThat(backend.connections()).isEqualTo(1);
    }

    @Test
    void rechunksACloseDelimitedBodyForAKeepAliveClient() throws Exception {
        start(head -> new Answer(List.of("HTTP/1.1 200 OK\r\nX-A: 1\r\n\r\n", "first,", "second"), true));

        String answer = RawHttp.exchange(proxy.port(), GET + GET_CLOSE);

        String head = "HTTP/1.1 200 OK\r\nX-A: 1\r\ntransfer-encoding: chunked\r\n\r\n";
        assertThat(answer).startsWith(head);
        String rest = answer.substring(head.length());
        assertThat(dechunk(rest)).isEqualTo("first,second");
        assertThat(rest).contains("0\r\n\r\nHTTP/1.1 200 OK\r\nX-A: 1\r\nconnection: close\r\n\r\nfirst,second");
        assertThat(backend.connections()).isEqualTo(2);
    }

    @Test
    void endsACloseDelimitedBodyByClosingForAnHttp10Client() throws Exception {
        start(head -> new Answer(List.of("HTTP/1.1 200 OK\r\n\r\n", "all of it"), true));

        String answer = RawHttp.exchange(proxy.port(), "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");

        assertThat(answer).isEqualTo("HTTP/1.1 200 OK\r\nconnection: close\r\n\r\nall of it");
    }

    @Test
    void asksForAPersistentBackendConnectionForHttp10Clients() throws Exception {
        // answers as a backend that keeps an HTTP/1.0 connection only when asked to
        start(head -> head.startsWith("GET / HTTP/1.0") && head.toLowerCase().contains("connection: keep-alive")
                ? Answer.of("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 2\r\n\r\nok")
                : new Answer(List.of("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok"), true));

        String keepAlive = "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n";
        String answer = RawHttp.exchange(proxy.port(), keepAlive + keepAlive + "GET / HTTP/1.0\r\n\r\n");

        String kept = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nconnection: keep-alive\r\n\r\nok";
        assertThat(answer).isEqualTo(kept + kept + "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nconnection: close\r\n\r\nok");
        assertThat(backend.connections()).isEqualTo(1);
    }

    @Test
    void relaysInterimResponsesBeforeTheFinalOne() throws Exception {
        start(head -> Answer.of("HTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n"));

        String answer = RawHttp.exchange(proxy.port(), GET_CLOSE);

        assertThat(answer).isEqualTo("HTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\nHTTP/1.1 204 No Content\r\nconnection: close\r\n\r\n");
    }

    @Test
    void dropsTheLengthA204OrAn1xxMustNotCarry() throws Exception {
        start(head -> Answer.of("HTTP/1.1 100 Continue\r\nContent-Length: 0\r\n\r\n"
                + "HTTP/1.1 204 No Content\r\nContent-Length: 5\r\nX-A: 1\r\n\r\n"));

        String answer = RawHttp.exchange(proxy.port(), GET_CLOSE);

        assertThat(answer).isEqualTo("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\nX-A: 1\r\nconnection: close\r\n\r\n");
    }

    @Test
    void keepsTheLengthOfA304() throws Exception {
        start(head -> Answer.of("HTTP/1.1 304 Not Modified\r\nContent-Length: 5\r\n\r\n"));

        String answer = RawHttp.exchange(proxy.port(), GET_CLOSE);

        assertThat(answer).isEqualTo("HTTP/1.1 304 Not Modified\r\nContent-Length: 5\r\nconnection: close\r\n\r\n");
    }

    @Test
    void answersAHeadRequestWithoutReadingABody() throws Exception {
        start(head -> Answer.of("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n"));

        String answer = RawHttp.exchange(proxy.port(), "HEAD / HTTP/1.1\r\nHost: x\r\n\r\n" + "HEAD / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        assertThat(answer).isEqualTo("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\nconnection: close\r\n\r\n");
        assertThat(backend.connections()).isEqualTo(1);
    }

    @Test
    void answers502ForAResponseThatIsNotHttpAndCountsIt() throws Exception {
        List<String> bad = List.of(
                "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n",
                "HTTP/1.1 200 OK\r\nX: a\r\n folded\r\n\r\n",
                "SSH-2.0-OpenSSH_9.2\r\n\r\n",
                "HTTP/1.1 101 Switching Protocols\r\n\r\n",
                "HTTP/1.1 200 OK\r\nX-Big: " + "a".repeat(BackendHandler.MAX_RESPONSE_HEAD) + "\r\n\r\n");
        List<String> answers = new ArrayList<>();
        int[] next = {0};
        start(head -> Answer.closing(bad.get(next[0]++)));
        for (int i = 0; i < bad.size(); i++) {
            answers.add(RawHttp.exchange(proxy.port(), GET_CLOSE));
        }

        assertThat(answers).allSatisfy(answer -> assertThat(answer)
                .startsWith("HTTP/1.1 502 Bad Gateway\r\n").contains("invalid response from backend"));
        assertThat(proxy.metric("balance_rejected_requests_total{reason=\"backend_error\"}")).isEqualTo(bad.size());
    }

    @Test
    void closesTheClientWhenAChunkedBodyBreaksMidway() throws Exception {
        start(head -> Answer.closing("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhelloXX"));

        String answer = RawHttp.exchange(proxy.port(), GET);

        assertThat(answer).startsWith("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n").doesNotContain("502");
    }

    @Test
    void neverReusesAConnectionThatSentMoreThanTheResponse() throws Exception {
        start(head -> Answer.of("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokEXTRA"));

        String answer = RawHttp.exchange(proxy.port(), GET + GET_CLOSE);

        assertThat(answer).startsWith("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 200 OK\r\n").endsWith("\r\n\r\nok");
        assertThat(backend.connections()).isEqualTo(2);
    }

    /** The data of a chunked body at the start of {@code text}. */
    private static String dechunk(String text) {
        StringBuilder data = new StringBuilder();
        int index = 0;
        while (true) {
            int lineEnd = text.indexOf("\r\n", index);
            int size = Integer.parseInt(text.substring(index, lineEnd), 16);
            if (size == 0) {
                return data.toString();
            }
            data.append(text, lineEnd + 2, lineEnd + 2 + size);
            index = lineEnd + 2 + size + 2;
        }
    }

    private static List<String> bytesOf(String text) {
        List<String> pieces = new ArrayList<>();
        for (char c : text.toCharArray()) {
            pieces.add(String.valueOf(c));
        }
        return pieces;
    }
}
