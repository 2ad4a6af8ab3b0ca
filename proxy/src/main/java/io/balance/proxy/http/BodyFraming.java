package io.balance.proxy.http;

import io.netty.buffer.ByteBuf;

/**
 * Between {@link RequestFramingValidator} and {@link RawRequestGuard}, while the guard is still
 * handing a head to the decoder: the validator takes the head's raw bytes and tells how the bytes
 * after it are framed, so the guard knows where the next head starts without parsing headers itself.
 */
interface BodyFraming {

    /** The head is accepted and {@code bytes} (maybe 0) of body follow. */
    void fixedLength(long bytes);

    /** The head is accepted and a chunked body follows. */
    void chunked();

    /**
     * The bytes of the head just handed to the decoder, exactly as they came (the caller owns and
     * releases them); null when already taken.
     */
    ByteBuf takeHead();

    /** The connection is condemned: pass nothing more to the decoder. */
    void rejected();
}
