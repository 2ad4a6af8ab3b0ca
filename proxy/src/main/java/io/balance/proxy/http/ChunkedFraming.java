package io.balance.proxy.http;

import static io.balance.proxy.http.HttpBytes.CR;
import static io.balance.proxy.http.HttpBytes.HTAB;
import static io.balance.proxy.http.HttpBytes.LF;
import static io.balance.proxy.http.HttpBytes.SP;

import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;

/**
 * Follows the framing of a chunked body (RFC 9112 7.1) to find where it ends, so the bytes after
 * it are checked as the next head. It reads only the framing: chunk data is skipped in bulk by the
 * caller ({@link #dataRemaining()}, {@link #skipData(int)}). It is strict (CRLF everywhere, sizes
 * up to {@link Integer#MAX_VALUE}, trailer fields checked like head fields): whatever it refuses
 * closes the connection.
 *
 * <p>A request body is forwarded as it came except for chunk extensions: for a request,
 * {@link #scan} stops before whatever follows a chunk size on its line ({@link #cutting()}), and
 * {@link #skipCut} passes over it, so the caller forwards {@code SIZE CRLF} alone. Extensions are
 * where parsers disagree most (quoted strings, bare CR or LF), and no backend needs them.
 */
final class ChunkedFraming implements ByteProcessor {

    private enum State { SIZE_FIRST, SIZE, SIZE_WHITESPACE, EXTENSION, SIZE_LF, DATA, DATA_CR, DATA_LF, TRAILER, DONE, FAILED }

    private final HeadSyntax trailer;
    private final boolean cutsExtensions;
    private State state = State.SIZE_FIRST;
    private long size;
    private boolean cutting;
    private RejectReason failure;

    /**
     * @param ofRequest a request body's: chunk extensions are cut, and the trailer section may not
     *                  carry fields only a head may ({@link HeadSyntax})
     */
    ChunkedFraming(int maxTrailerFields, int maxTrailerBytes, boolean ofRequest) {
        this.trailer = new HeadSyntax(maxTrailerFields, 0, maxTrailerBytes);
        this.cutsExtensions = ofRequest;
        if (ofRequest) {
            trailer.refuseHeadOnlyTrailerFields();
        }
    }

    void start() {
        state = State.SIZE_FIRST;
        size = 0;
        cutting = false;
        failure = null;
    }

    /** {@link #scan} stopped at bytes after a chunk size that are not to be forwarded: see {@link #skipCut}. */
    boolean cutting() {
        return cutting;
    }

    /**
     * Checks and passes over the bytes being cut, from {@code from} to {@code end}; returns the
     * index of the CR that ends them (where forwarding resumes), or {@code end} when they go on
     * in the next read, or anywhere once it failed ({@link #failure()}).
     */
    int skipCut(ByteBuf in, int from, int end) {
        for (int i = from; i < end; i++) {
            byte b = in.getByte(i);
            if (b == CR) {
                cutting = false;
                state = State.EXTENSION; // which the CR then ends, in the next scan
                return i;
            }
            boolean ok = state == State.EXTENSION ? HttpBytes.isFieldValue(b) : afterSize(b);
            if (!ok) {
                cutting = false;
                fail();
                return i;
            }
        }
        return end;
    }

    boolean isDone() {
        return state == State.DONE;
    }

    RejectReason failure() {
        return failure;
    }

    /** Chunk data bytes the caller may skip without looking at them; 0 outside chunk data. */
    long dataRemaining() {
        return state == State.DATA ? size : 0;
    }

    void skipData(int bytes) {
        size -= bytes;
        if (size == 0) {
            state = State.DATA_CR;
        }
    }

    /**
     * Follows the body through {@code in} from {@code from} to {@code end}, skipping chunk data in
     * bulk, and returns where it stopped: at {@code end}, or just past the body's last byte when it
     * ended ({@link #isDone()}), or anywhere once it failed ({@link #failure()}).
     */
    int scan(ByteBuf in, int from, int end) {
        int index = from;
        while (index < end) {
            long data = dataRemaining();
            if (data > 0) {
                int skipped = (int) Math.min(data, end - index);
                skipData(skipped);
                index += skipped;
                continue;
            }
            int stop = in.forEachByte(index, end - index, this);
            if (stop < 0) {
                return end;
            }
            if (cutting) {
                return stop;
            }
            index = stop + 1;
            if (isDone() || failure != null) {
                return index;
            }
        }
        return index;
    }

    /** Returns false when the caller must act: chunk data begins, the body ended, or it failed. */
    @Override
    public boolean process(byte b) {
        switch (state) {
            case SIZE_FIRST -> {
                int digit = HttpBytes.hexValue(b);
                if (digit < 0) {
                    return fail();
                }
                size = digit;
                state = State.SIZE;
            }
            case SIZE -> {
                int digit = HttpBytes.hexValue(b);
                if (digit >= 0) {
                    size = size * 16 + digit;
                    if (size > Integer.MAX_VALUE) {
                        return fail();
                    }
                } else if (cutsExtensions && b != CR) {
                    cutting = true;
                    return false;
                } else {
                    return afterSize(b);
                }
            }
            case SIZE_WHITESPACE -> {
                return afterSize(b);
            }
            case EXTENSION -> {
                if (b == CR) {
                    state = State.SIZE_LF;
                } else if (!HttpBytes.isFieldValue(b)) {
                    return fail();
                }
            }
            case SIZE_LF -> {
                if (b != LF) {
                    return fail();
                }
                if (size == 0) {
                    trailer.expectTrailer();
                    state = State.TRAILER;
                } else {
                    state = State.DATA;
                    return false;
                }
            }
            case DATA_CR -> {
                if (b != CR) {
                    return fail();
                }
                state = State.DATA_LF;
            }
            case DATA_LF -> {
                if (b != LF) {
                    return fail();
                }
                state = State.SIZE_FIRST;
            }
            case TRAILER -> {
                return trailer(b);
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** After the size digits: optional whitespace, then an extension or the end of the line. */
    private boolean afterSize(byte b) {
        if (b == SP || b == HTAB) {
            state = State.SIZE_WHITESPACE;
        } else if (b == ';') {
            state = State.EXTENSION;
        } else if (b == CR) {
            state = State.SIZE_LF;
        } else {
            return fail();
        }
        return true;
    }

    private boolean trailer(byte b) {
        if (trailer.process(b)) {
            return true;
        }
        if (trailer.isDone()) {
            state = State.DONE;
            return false;
        }
        failure = trailer.failure();
        state = State.FAILED;
        return false;
    }

    private boolean fail() {
        failure = RejectReason.BAD_CHUNK;
        state = State.FAILED;
        return false;
    }
}
