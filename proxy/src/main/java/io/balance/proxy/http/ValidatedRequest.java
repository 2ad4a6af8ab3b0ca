package io.balance.proxy.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;
import io.netty.handler.codec.http.HttpRequest;

/**
 * A request head that passed every check, as {@link RequestFramingValidator} hands it on: the
 * decoded head to decide on, and the bytes it came in ({@link #content()}), to forward (see
 * {@link RequestHeadWriter}). Its body, if any, follows as {@code HttpContent}s.
 */
public final class ValidatedRequest extends DefaultByteBufHolder {
    private final HttpRequest head;
    private final boolean chunked;

    /** @param chunked the body is chunked; otherwise it is as long as {@code Content-Length} says */
    ValidatedRequest(HttpRequest head, ByteBuf bytes, boolean chunked) {
        super(bytes);
        this.head = head;
        this.chunked = chunked;
    }

    public HttpRequest head() {
        return head;
    }

    public boolean chunked() {
        return chunked;
    }
}
