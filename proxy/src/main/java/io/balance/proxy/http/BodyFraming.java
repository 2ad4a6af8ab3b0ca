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

    /** The connection is condemned: pass nothing more to the decoder. */
    void rejected();
}
