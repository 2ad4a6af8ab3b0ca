package io.balance.proxy.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;

/** The response a refused request gets: the status, {@code Connection: close} and a one-line body. */
final class RejectResponses {
    private static final byte[][] RESPONSES = new byte[RejectReason.values().length][];

    static {
        for (RejectReason reason : RejectReason.values()) {
            byte[] body = (reason.problem() + "\n").getBytes(StandardCharsets.US_ASCII);
            byte[] head = ErrorResponses.head(HttpResponseStatus.valueOf(reason.status()), body.length, false, "");
            byte[] response = new byte[head.length + body.length];
            System.arraycopy(head, 0, response, 0, head.length);
            System.arraycopy(body, 0, response, head.length, body.length);
            RESPONSES[reason.ordinal()] = response;
        }
    }

    private RejectResponses() {
    }

    static ByteBuf of(RejectReason reason) {
        return Unpooled.wrappedBuffer(RESPONSES[reason.ordinal()]);
    }
}
