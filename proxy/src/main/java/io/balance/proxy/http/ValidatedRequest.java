package io.balance.proxy.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;

/**
 * A request head that passed every check, as {@link RequestReader} hands it on: the bytes it came
 * in ({@link #content()}), to forward (see {@link RequestHeadWriter}), and what forwarding needs to
 * know about it. Its body, if it has one, follows as {@code ByteBuf}s of the body as it came (chunk
 * extensions cut), ended by {@link RequestBodyEnd#COMPLETE} or {@link RequestBodyEnd#BROKEN}.
 */
public final class ValidatedRequest extends DefaultByteBufHolder {
    private final int method;
    private final boolean http11;
    private final boolean keepAlive;
    private final boolean chunked;
    private final long bodyLength;

    ValidatedRequest(ByteBuf bytes, RequestHead head) {
        super(bytes);
        this.method = head.method();
        this.http11 = head.http11();
        this.keepAlive = head.keepAlive();
        this.chunked = head.chunked();
        this.bodyLength = head.bodyLength();
    }

    /** The method's index in {@link io.balance.proxy.metrics.HttpMethods}. */
    public int method() {
        return method;
    }

    public boolean http11() {
        return http11;
    }

    /** The client wants the connection kept open after the response. */
    public boolean keepAlive() {
        return keepAlive;
    }

    /** The body is chunked; otherwise it has {@link #bodyLength()} bytes. */
    public boolean chunked() {
        return chunked;
    }

    public long bodyLength() {
        return bodyLength;
    }

    /** No body follows: the request is complete with its head. */
    public boolean bodyless() {
        return !chunked && bodyLength == 0;
    }
}
