package io.balance.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pins what Netty's own request decoder (4.2.18, our settings) refuses and what it lets through
 * or normalises, which is why {@link RawRequestGuard} and {@link RequestHeadCheck} exist. If a
 * Netty upgrade changes one of these, this test says so before the guards are trusted blindly.
 */
class NettyDecoderBehaviourTest {
    private static final String HOST = "Host: a\r\n";

    @ParameterizedTest
    @ValueSource(strings = {
        "POST / HTTP/1.1\r\n" + HOST + "Content-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n",
        "POST / HTTP/1.1\r\n" + HOST + "Content-Length: 1\r\nContent-Length: 1\r\n\r\n",
        "POST / HTTP/1.1\r\n" + HOST + "Content-Length: +1\r\n\r\n",
        "POST / HTTP/1.1\r\n" + HOST + "Transfer-Encoding: chunked, gzip\r\n\r\n",
        "POST / HTTP/1.1\r\n" + HOST + "Transfer-Encoding: xchunked\r\n\r\n",
        "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n",
        "GET / HTTP/1.1\nHost: a\n\n",
    })
    void refuses(String raw) {
        assertThat(decode(raw).decoderResult().isSuccess()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "GET / HTTP/1.1\r\n\r\n",                                               // no Host
        "GET / HTTP/1.1\r\n" + HOST + "Host: b\r\n\r\n",                        // two Hosts
        "get foo HTTP/1.1\r\n" + HOST + "\r\n",                                 // unknown method, not origin-form
        "GET\t/  HTTP/1.1\r\n" + HOST + "\r\n",                                 // tab and double space as separators
        "GET / http/1.1\r\n" + HOST + "\r\n",                                   // lower-case protocol name
        "GET / HTTP/1.2\r\n" + HOST + "\r\n",
        "POST / HTTP/1.1\r\n" + HOST + "Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n",
        "GET / HTTP/1.1\r\n" + HOST + "Upgrade: websocket\r\n\r\n",
        // field syntax: the raw guard checks every name and value byte, so the decoder does not
        "GET / HTTP/1.1\r\n" + HOST + "X-A : b\r\n\r\n",                  // whitespace before the colon
        "GET / HTTP/1.1\r\n" + HOST + "X-A: \u0001\r\n\r\n",               // control character
    })
    void lets(String raw) {
        assertThat(decode(raw).decoderResult().isSuccess()).isTrue();
    }

    @Test
    void foldsObsFoldIntoOneValue() {
        HttpRequest request = decode("GET / HTTP/1.1\r\n" + HOST + "X-A: one\r\n two\r\n\r\n");

        assertThat(request.decoderResult().isSuccess()).isTrue();
        assertThat(request.headers().get("X-A")).isEqualTo("one two");
    }

    private static HttpRequest decode(String raw) {
        EmbeddedChannel channel = new EmbeddedChannel(new HttpServerCodec(RequestGuards.decoderConfig(GuardedServer.LIMITS)));
        channel.writeInbound(Unpooled.copiedBuffer(raw, StandardCharsets.ISO_8859_1));
        HttpRequest request = channel.readInbound();
        for (Object rest = channel.readInbound(); rest != null; rest = channel.readInbound()) {
            ReferenceCountUtil.release(rest);
        }
        channel.finishAndReleaseAll();
        return request;
    }
}
