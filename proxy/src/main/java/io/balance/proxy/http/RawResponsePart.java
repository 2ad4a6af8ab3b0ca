package io.balance.proxy.http;

import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCounted;

/**
 * Bytes of a backend response forwarded as they came, on their way to the client. The wrapper
 * carries them past the client's HTTP encoder (which only encodes the proxy's own answers) and
 * tells {@link RequestFramingValidator} where responses end; {@link RawResponseUnwrapper} hands
 * the bytes to the transport.
 *
 * @param interimHead a 1xx head: a final response follows
 * @param last        the end of a final response
 */
record RawResponsePart(ByteBuf content, boolean interimHead, boolean last) implements ReferenceCounted {
    @Override
    public int refCnt() {
        return content.refCnt();
    }

    @Override
    public RawResponsePart retain() {
        content.retain();
        return this;
    }

    @Override
    public RawResponsePart retain(int increment) {
        content.retain(increment);
        return this;
    }

    @Override
    public RawResponsePart touch() {
        content.touch();
        return this;
    }

    @Override
    public RawResponsePart touch(Object hint) {
        content.touch(hint);
        return this;
    }

    @Override
    public boolean release() {
        return content.release();
    }

    @Override
    public boolean release(int decrement) {
        return content.release(decrement);
    }
}
