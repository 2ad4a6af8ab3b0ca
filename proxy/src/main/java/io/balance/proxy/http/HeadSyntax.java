package io.balance.proxy.http;

import static io.balance.proxy.http.HttpBytes.CR;
import static io.balance.proxy.http.HttpBytes.HTAB;
import static io.balance.proxy.http.HttpBytes.LF;
import static io.balance.proxy.http.HttpBytes.SP;

import io.netty.util.ByteProcessor;

/**
 * Checks the raw bytes of a request head, or of a chunked body's trailer section, and finds where
 * it ends. It refuses what lenient parsers silently normalise: folded lines (obs-fold), runs of or
 * tab-separated request-line words, a lower-case {@code http/1.1}, bare LF; and it holds the
 * limits: the request line's length (with any empty lines before it), the field section's size
 * and its number of fields. One byte at a time, so a head may arrive split at any point.
 *
 * <p>Feed it with {@code ByteBuf.forEachByte}: {@link #process} returns false once the head is
 * complete ({@link #isDone()}) or condemned ({@link #failure()}).
 */
final class HeadSyntax implements ByteProcessor {
    private static final byte[] HTTP_SLASH = {'H', 'T', 'T', 'P', '/'};

    private enum State {
        PRELUDE, METHOD, TARGET_START, TARGET, VERSION, REQUEST_LINE_LF, FIELD_START, NAME, VALUE, FIELD_LINE_LF, END_LF,
        DONE, FAILED
    }

    private final int maxFields;
    private final int maxLine;
    private final int maxFieldBytes;
    private State state = State.PRELUDE;
    private int versionIndex;
    private int fields;
    private int lineBytes;
    private int fieldBytes;
    private RejectReason failure;

    /**
     * @param maxLine       bytes of the request line without its CRLF, with any empty lines before it (414 beyond)
     * @param maxFieldBytes bytes of the field lines with their CRLFs (431 beyond)
     */
    HeadSyntax(int maxFields, int maxLine, int maxFieldBytes) {
        this.maxFields = maxFields;
        this.maxLine = maxLine + 1; // the CR ending the line is counted in VERSION
        this.maxFieldBytes = maxFieldBytes;
    }

    /** Expects a request head: optional empty lines, the request line, field lines, an empty line. */
    void expectRequest() {
        reset(State.PRELUDE);
    }

    /** Expects a trailer section: field lines and an empty line. */
    void expectTrailer() {
        reset(State.FIELD_START);
    }

    private void reset(State first) {
        state = first;
        versionIndex = 0;
        fields = 0;
        lineBytes = 0;
        fieldBytes = 0;
        failure = null;
    }

    boolean isDone() {
        return state == State.DONE;
    }

    /** Why the head is refused, or null while it is fine. */
    RejectReason failure() {
        return failure;
    }

    @Override
    public boolean process(byte b) {
        int at = state.ordinal() - State.REQUEST_LINE_LF.ordinal();
        if (at < 0) {
            if (++lineBytes > maxLine) {
                return fail(RejectReason.REQUEST_LINE_TOO_LONG);
            }
        } else if (at > 0 && ++fieldBytes > maxFieldBytes) {
            return fail(RejectReason.HEADER_TOO_LARGE);
        }
        switch (state) {
            case PRELUDE -> {
                // RFC 9112 2.2: empty lines before the request line are ignored.
                if (HttpBytes.isTchar(b)) {
                    state = State.METHOD;
                } else if (b != CR && b != LF) {
                    return fail(RejectReason.MALFORMED);
                }
            }
            case METHOD -> {
                if (b == SP) {
                    state = State.TARGET_START;
                } else if (!HttpBytes.isTchar(b)) {
                    return fail(b == HTAB ? RejectReason.MALFORMED : RejectReason.BAD_METHOD);
                }
            }
            case TARGET_START -> {
                if (!HttpBytes.isTarget(b)) {
                    return fail(b == SP || b == HTAB ? RejectReason.MALFORMED : RejectReason.BAD_REQUEST_TARGET);
                }
                state = State.TARGET;
            }
            case TARGET -> {
                if (b == SP) {
                    state = State.VERSION;
                } else if (!HttpBytes.isTarget(b)) {
                    return fail(b == CR || b == LF || b == HTAB ? RejectReason.MALFORMED : RejectReason.BAD_REQUEST_TARGET);
                }
            }
            case VERSION -> {
                return version(b);
            }
            case REQUEST_LINE_LF, FIELD_LINE_LF -> {
                if (b != LF) {
                    return fail(state == State.FIELD_LINE_LF ? RejectReason.BAD_HEADER : RejectReason.MALFORMED);
                }
                state = State.FIELD_START;
            }
            case FIELD_START -> {
                if (b == CR) {
                    state = State.END_LF;
                } else if (b == SP || b == HTAB) {
                    return fail(RejectReason.OBS_FOLD);
                } else if (!HttpBytes.isTchar(b)) {
                    return fail(b == LF ? RejectReason.MALFORMED : RejectReason.BAD_HEADER);
                } else if (++fields > maxFields) {
                    return fail(RejectReason.TOO_MANY_HEADERS);
                } else {
                    state = State.NAME;
                }
            }
            case NAME -> {
                if (b == ':') {
                    state = State.VALUE;
                } else if (!HttpBytes.isTchar(b)) {
                    return fail(RejectReason.BAD_HEADER); // includes whitespace before the colon
                }
            }
            case VALUE -> {
                if (b == CR) {
                    state = State.FIELD_LINE_LF;
                } else if (!HttpBytes.isFieldValue(b)) {
                    return fail(RejectReason.BAD_HEADER);
                }
            }
            case END_LF -> {
                if (b != LF) {
                    return fail(RejectReason.MALFORMED);
                }
                state = State.DONE;
                return false;
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Exactly {@code HTTP/d.d} then CR: never {@code http/1.1}. */
    private boolean version(byte b) {
        int i = versionIndex++;
        boolean ok;
        if (i < HTTP_SLASH.length) {
            ok = b == HTTP_SLASH[i];
        } else if (i == 5 || i == 7) {
            ok = HttpBytes.isDigit(b);
        } else if (i == 6) {
            ok = b == '.';
        } else {
            ok = b == CR;
            state = State.REQUEST_LINE_LF;
        }
        return ok || fail(RejectReason.MALFORMED);
    }

    private boolean fail(RejectReason reason) {
        failure = reason;
        state = State.FAILED;
        return false;
    }
}
