package io.balance.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.balance.proxy.http.ResponseHead.Framing;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ResponseHeadTest {
    private final ResponseHead head = new ResponseHead();

    @Test
    void readsStatusAndForwardsEndToEndFieldsAsTheyCame() {
        String raw = "HTTP/1.1 200 OK\r\nServer: x\r\nContent-Length: 5\r\nX-Mixed-Case: AbC \r\n\r\n";
        assertThat(parse(raw)).isTrue();
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.interim()).isFalse();
        assertThat(head.keepAlive()).isTrue();
        assertThat(head.framing(false)).isEqualTo(Framing.FIXED);
        assertThat(head.contentLength()).isEqualTo(5);
        assertThat(copy()).isEqualTo("HTTP/1.1 200 OK\r\nServer: x\r\nContent-Length: 5\r\nX-Mixed-Case: AbC \r\n");
    }

    @Test
    void dropsHopByHopFieldsAndThoseConnectionNamesWhereverTheyStand() {
        String raw = "HTTP/1.1 200 OK\r\nX-Before: 1\r\nKeep-Alive: timeout=5\r\nConnection: keep-alive, X-Before, x-after, "
                + "Transfer-Encoding\r\nUpgrade: h2c\r\nTransfer-Encoding: chunked\r\nProxy-Connection: x\r\nTE: trailers\r\n"
                + "Trailer: X-T\r\nX-After: 2\r\nX-Kept: 3\r\n\r\n";
        assertThat(parse(raw)).isTrue();
        assertThat(copy()).isEqualTo("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nX-Kept: 3\r\n");
        assertThat(head.framing(false)).isEqualTo(Framing.CHUNKED);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "HTTP/1.1 200 OK\\r\\nContent-Length: 0\\r\\n\\r\\n       | false | NONE",
        "HTTP/1.1 200 OK\\r\\nContent-Length: 7\\r\\n\\r\\n       | true  | NONE",
        "HTTP/1.1 204 No Content\\r\\n\\r\\n                     | false | NONE",
        "HTTP/1.1 304 Not Modified\\r\\nContent-Length: 9\\r\\n\\r\\n | false | NONE",
        "HTTP/1.1 100 Continue\\r\\n\\r\\n                       | false | NONE",
        "HTTP/1.1 200 OK\\r\\n\\r\\n                             | false | UNTIL_CLOSE",
        "HTTP/1.1 200 OK\\r\\nTransfer-Encoding: gzip\\r\\n\\r\\n  | false | UNTIL_CLOSE",
        "HTTP/1.1 200 OK\\r\\nTransfer-Encoding: gzip, chunked\\r\\n\\r\\n | false | CHUNKED",
        "HTTP/1.1 200 OK\\r\\ntransfer-encoding: CHUNKED\\r\\n\\r\\n | false | CHUNKED",
    })
    void framesTheBodyByRfc9112(String raw, boolean headRequest, Framing framing) {
        assertThat(parse(unescape(raw.strip()))).isTrue();
        assertThat(head.framing(headRequest)).isEqualTo(framing);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "HTTP/1.1 200 OK\\r\\n\\r\\n                          | true",
        "HTTP/1.1 200 OK\\r\\nConnection: close\\r\\n\\r\\n     | false",
        "HTTP/1.1 200 OK\\r\\nConnection: Close\\r\\n\\r\\n     | false",
        "HTTP/1.0 200 OK\\r\\n\\r\\n                          | false",
        "HTTP/1.0 200 OK\\r\\nConnection: keep-alive\\r\\n\\r\\n | true",
    })
    void knowsWhetherTheBackendKeepsTheConnection(String raw, boolean keepAlive) {
        assertThat(parse(unescape(raw.strip()))).isTrue();
        assertThat(head.keepAlive()).isEqualTo(keepAlive);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: +5\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 5a\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: \r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 1234567890123456789\r\n\r\n",
        "HTTP/1.1 200 OK\r\nX-A: 1\r\n folded\r\n\r\n",
        "HTTP/1.1 200 OK\r\nX-A : 1\r\n\r\n",
        "HTTP/1.1 200 OK\r\nX-A: \u0001\r\n\r\n",
        "HTTP/1.1 200 OK\r\n: empty name\r\n\r\n",
        "HTTP/2 200 OK\r\n\r\n",
        "HTTP/1.1 20 OK\r\n\r\n",
        "HTTP/1.1 099 OK\r\n\r\n",
        "http/1.1 200 OK\r\n\r\n",
        "HTTP/1.1 200 O\u0000K\r\n\r\n",
        "SSH-2.0-OpenSSH\r\n\r\n",
    })
    void refusesWhatIsNotStrictHttp(String raw) {
        assertThat(parse(raw)).isFalse();
        assertThat(head.problem()).isNotBlank();
    }

    @Test
    void refusesMoreFieldsThanItHoldsAndStaysUsable() {
        StringBuilder raw = new StringBuilder("HTTP/1.1 200 OK\r\n");
        for (int i = 0; i <= ResponseHead.MAX_FIELDS; i++) {
            raw.append("X-").append(i).append(": v\r\n");
        }
        assertThat(parse(raw + "\r\n")).isFalse();
        assertThat(head.problem()).isEqualTo("too many header fields");

        assertThat(parse("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")).isTrue();
        assertThat(head.status()).isEqualTo(404);
        assertThat(head.problem()).isNull();
    }

    @Test
    void acceptsBareLineFeedsAndForwardsCrlf() {
        assertThat(parse("HTTP/1.1 200 OK\nContent-Length: 2\nConnection: close\nX-A: 1\r\n\n")).isTrue();
        assertThat(head.keepAlive()).isFalse();
        assertThat(head.contentLength()).isEqualTo(2);
        assertThat(copy()).isEqualTo("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nX-A: 1\r\n");
        assertThat(parse("HTTP/1.1 204 No Content\n\n")).isTrue();
        assertThat(parse("HTTP/1.1 200 OK\r\nX-A: 1\r\r\n\r\n")).isFalse();
    }

    @Test
    void acceptsAnEmptyReasonPhraseOrNone() {
        assertThat(parse("HTTP/1.1 200 \r\n\r\n")).isTrue();
        assertThat(parse("HTTP/1.1 503\r\n\r\n")).isTrue();
        assertThat(head.status()).isEqualTo(503);
        assertThat(copy()).isEqualTo("HTTP/1.1 503\r\n");
    }

    @Test
    void parsesAHeadInTheMiddleOfABuffer() {
        ByteBuf buf = Unpooled.copiedBuffer("junkHTTP/1.1 201 Created\r\nA: b\r\n\r\nrest", StandardCharsets.ISO_8859_1);
        assertThat(head.parse(buf, 4, buf.writerIndex() - 4)).isTrue();
        assertThat(head.status()).isEqualTo(201);
        assertThat(copy()).isEqualTo("HTTP/1.1 201 Created\r\nA: b\r\n");
        buf.release();
    }

    private boolean parse(String raw) {
        ByteBuf buf = Unpooled.copiedBuffer(raw, StandardCharsets.ISO_8859_1);
        return head.parse(buf, 0, buf.writerIndex());
    }

    private String copy() {
        ByteBuf out = Unpooled.buffer();
        head.copyEndToEndFields(out);
        assertThat(out.readableBytes()).isLessThanOrEqualTo(head.copyLength());
        String text = out.toString(StandardCharsets.ISO_8859_1);
        out.release();
        return text;
    }

    private static String unescape(String csv) {
        return csv.replace("\\r", "\r").replace("\\n", "\n");
    }
}
