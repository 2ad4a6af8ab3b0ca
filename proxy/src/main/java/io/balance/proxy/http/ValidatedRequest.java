package io.balance.proxy.http;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.ReferenceCounted;

/**
 * A request head that passed every check, as {@link RequestFramingValidator} hands it on: the
 * decoded head to decide on, and the bytes it came in, to forward (see {@link RequestHeadWriter}).
 * Its body, if any, follows as {@code HttpContent}s.
 *
 * @param chunked the body is chunked; otherwise it is as long as {@code Content-Length} says
 */
public record ValidatedRequest(HttpRequest head, ByteBuf bytes, boolean chunked) implements ReferenceCounted {
    @Override
    public int refCnt() {
        return bytes.refCnt();
    }

    @Override
    public ValidatedRequest retain() {
        bytes.retain();
        return this;
    }

    @Override
    public ValidatedRequest retain(int increment) {
        bytes.retain(increment);
        return this;
    }

    @Override
    public ValidatedRequest touch() {
        bytes.touch();
        return this;
    }

    @Override
    public ValidatedRequest touch(Object hint) {
        bytes.touch(hint);
        return this;
    }

    @Override
    public boolean release() {
        return bytes.release();
    }

    @Override
    public boolean release(int decrement) {
        return bytes.release(decrement);
    }
}
