package io.balance.proxy.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/** The proxy's own short answers: 502, 503, 504 and friends, each with a one-line body. */
public final class ErrorResponses {
    private ErrorResponses() {
    }

    public static FullHttpResponse of(ByteBufAllocator alloc, HttpResponseStatus status, String detail, boolean keepAlive) {
        return of(alloc, status, detail, keepAlive, false);
    }

    /** With {@code headRequest} the body is left out, its length still announced (RFC 9110 9.3.2). */
    public static FullHttpResponse of(ByteBufAllocator alloc, HttpResponseStatus status, String detail, boolean keepAlive,
            boolean headRequest) {
        byte[] body = (status.code() + " " + status.reasonPhrase() + ": " + detail + "\n").getBytes(StandardCharsets.UTF_8);
        ByteBuf content = headRequest ? alloc.buffer(0) : alloc.buffer(body.length).writeBytes(body);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        if (!keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        return response;
    }
}
