package io.balance.proxy.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;

/**
 * The proxy's own short answers, 502, 503, 504 and friends, each with a one-line plain-text body,
 * written as the bytes that go out: the client pipeline has no response encoder.
 */
public final class ErrorResponses {
    private ErrorResponses() {
    }

    /** With {@code headRequest} the body is left out, its length still announced (RFC 9110 9.3.2). */
    public static ByteBuf of(ByteBufAllocator alloc, HttpResponseStatus status, String detail, boolean keepAlive,
            boolean headRequest) {
        byte[] body = (status.code() + " " + status.reasonPhrase() + ": " + detail + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] head = head(status, body.length, keepAlive, "cache-control: no-store\r\n");
        ByteBuf out = alloc.buffer(head.length + (headRequest ? 0 : body.length)).writeBytes(head);
        return headRequest ? out : out.writeBytes(body);
    }

    /** A status line and the fields of a plain-text answer of {@code bodyLength} bytes, up to the empty line. */
    static byte[] head(HttpResponseStatus status, int bodyLength, boolean keepAlive, String moreFields) {
        String head = "HTTP/1.1 " + status.code() + " " + status.reasonPhrase() + "\r\n"
                + "content-type: text/plain\r\n"
                + "content-length: " + bodyLength + "\r\n"
                + moreFields
                + (keepAlive ? "" : "connection: close\r\n")
                + "\r\n";
        return head.getBytes(StandardCharsets.ISO_8859_1);
    }
}
