package io.balance.proxy.http;

/**
 * How the bytes after a decoded head are framed, told by {@link RequestFramingValidator} to
 * {@link RawRequestGuard} while the guard is still handing that head to the decoder, so the guard
 * knows where the next head starts without parsing headers itself.
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
    io.netty.buffer.ByteBuf takeHead();

    /** The connection is condemned: pass nothing more to the decoder. */
    void rejected();
}
