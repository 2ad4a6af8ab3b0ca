package io.balance.proxy.http;

import static io.balance.proxy.http.HttpBytes.CR;
import static io.balance.proxy.http.HttpBytes.HTAB;
import static io.balance.proxy.http.HttpBytes.LF;
import static io.balance.proxy.http.HttpBytes.SP;

import io.netty.util.ByteProcessor;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Checks the raw bytes of a request head, or of a chunked body's trailer section, and finds where
 * it ends. It refuses what lenient parsers silently normalise: folded lines (obs-fold), runs of or
 * tab-separated request-line words, a lower-case {@code http/1.1}, bare LF; and it holds the
 * limits: the request line's length (with any empty lines before it), the field section's size
 * and its number of fields. One byte at a time, so a head may arrive split at any point.
 *
 * <p>A request's trailer section ({@link #refuseHeadOnlyTrailerFields}) may not carry the fields
 * that frame, route, authenticate or qualify a request, nor those that claim who the client is
 * (RFC 9110 6.5.1): a backend that merges trailers into the head would otherwise take them from
 * the client as if they had come through the proxy.
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

    /** In lower case, as trailer names are recorded. */
    private static final Set<String> NOT_IN_TRAILERS = Set.of("content-length", "transfer-encoding", "trailer", "host",
            "connection", "keep-alive", "proxy-connection", "te", "upgrade", "expect", "max-forwards", "cache-control",
            "pragma", "range", "if-match", "if-none-match", "if-modified-since", "if-unmodified-since", "if-range",
            "authorization", "proxy-authorization", "cookie", "content-encoding", "content-type", "content-range",
            "forwarded", "x-forwarded-for", "x-forwarded-proto", "x-forwarded-host", "x-real-ip");
    private static final int LONGEST_NOT_IN_TRAILERS = NOT_IN_TRAILERS.stream().mapToInt(String::length).max().orElseThrow();

    private final int maxFields;
    private final int maxLine;
    private final int maxFieldBytes;
    private State state = State.PRELUDE;
    private int versionIndex;
    private int fields;
    private int lineBytes;
    private int fieldBytes;
    private RejectReason failure;
    private byte[] trailerName; // the lower-cased start of the trailer field name being read; null unless refused fields are checked
    private int trailerNameLength;

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

    /** From now on a trailer section may not carry the fields only a request head may (see above). */
    void refuseHeadOnlyTrailerFields() {
        trailerName = new byte[LONGEST_NOT_IN_TRAILERS + 1];
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
                    if (trailerName != null) {
                        trailerNameLength = 0;
                        recordTrailerName(b);
                    }
                }
            }
            case NAME -> {
                if (b == ':') {
                    if (trailerName != null && notInTrailers()) {
                        return fail(RejectReason.BAD_HEADER);
                    }
                    state = State.VALUE;
                } else if (!HttpBytes.isTchar(b)) {
                    return fail(RejectReason.BAD_HEADER); // includes whitespace before the colon
                } else if (trailerName != null) {
                    recordTrailerName(b);
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

    private void recordTrailerName(byte b) {
        if (trailerNameLength < trailerName.length) {
            trailerName[trailerNameLength++] = HttpBytes.lower(b);
        }
    }

    private boolean notInTrailers() {
        return trailerNameLength <= LONGEST_NOT_IN_TRAILERS
                && NOT_IN_TRAILERS.contains(new String(trailerName, 0, trailerNameLength, StandardCharsets.ISO_8859_1));
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
