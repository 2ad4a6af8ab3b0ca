package io.balance.proxy.http;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/** The response a refused request gets: the status, {@code Connection: close} and a one-line body. */
final class RejectResponses {
    private static final byte[][] BODIES = new byte[RejectReason.values().length][];

    static {
        for (RejectReason reason : RejectReason.values()) {
            BODIES[reason.ordinal()] = (reason.problem() + "\n").getBytes(StandardCharsets.US_ASCII);
        }
    }

    private RejectResponses() {
    }

    static FullHttpResponse of(RejectReason reason) {
        byte[] body = BODIES[reason.ordinal()];
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(reason.status()), Unpooled.wrappedBuffer(body));
        HttpHeaders headers = response.headers();
        headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        headers.set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN);
        headers.setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        return response;
    }
}
