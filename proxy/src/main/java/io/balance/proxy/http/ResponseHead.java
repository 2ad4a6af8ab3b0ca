package io.balance.proxy.http;

import static io.balance.proxy.http.HttpBytes.CR;
import static io.balance.proxy.http.HttpBytes.HTAB;
import static io.balance.proxy.http.HttpBytes.LF;
import static io.balance.proxy.http.HttpBytes.SP;
import static io.balance.proxy.http.HttpBytes.nameEquals;
import static io.balance.proxy.http.HttpBytes.regionEqualsIgnoreCase;
import static io.balance.proxy.http.HttpBytes.skipWhitespace;
import static io.balance.proxy.http.HttpBytes.trimWhitespace;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A backend's response head, parsed from its raw bytes (RFC 9112) without building header
 * objects: the status, how the body is framed, whether the backend keeps the connection, and
 * which field lines are hop-by-hop. {@link #copyEndToEndFields} writes the status line and the
 * end-to-end field lines out unchanged, so a response is forwarded as it came, minus hop-by-hop
 * fields. Lines may end in CRLF or a bare LF (RFC 9112 2.2; forwarded with CRLF). Strict where a
 * lenient parser would open a smuggling hole: no obs-fold,
 * token names, no control characters, one Content-Length value, never Content-Length together
 * with Transfer-Encoding. One instance per backend connection, reused for every head: the head
 * is copied once into a reused array and parsed there, which also frees the caller's buffer.
 */
final class ResponseHead {
    static final int MAX_FIELDS = 256;
    private static final int INITIAL_FIELDS = 32;

    enum Framing { NONE, FIXED, CHUNKED, UNTIL_CLOSE }

    private static final byte[][] HOP_BY_HOP = names("connection", "keep-alive", "proxy-connection", "te", "trailer",
            "upgrade", "proxy-authorization");
    private static final int CONNECTION = 0;
    private static final byte[] CONTENT_LENGTH = bytes("content-length");
    private static final byte[] TRANSFER_ENCODING = bytes("transfer-encoding");
    private static final byte[] CHUNKED = bytes("chunked");
    private static final byte[] CLOSE = bytes("close");
    private static final byte[] KEEP_ALIVE = bytes("keep-alive");
    private static final byte[] HTTP_1_1 = bytes("HTTP/1.1");
    private static final int MAX_CONNECTION_TOKENS = 16;
    private static final int CRLF = ('\r' << 8) | '\n';

    private static final int INITIAL_HEAD_BYTES = 1024;

    private byte[] head = new byte[INITIAL_HEAD_BYTES];
    private int statusContentEnd;
    private int fieldCount;
    private int[] fieldStart = new int[INITIAL_FIELDS];
    private int[] nameEnd = new int[INITIAL_FIELDS];
    private int[] fieldEnd = new int[INITIAL_FIELDS];
    private boolean[] drop = new boolean[INITIAL_FIELDS];
    private final int[] tokenStart = new int[MAX_CONNECTION_TOKENS];
    private final int[] tokenEnd = new int[MAX_CONNECTION_TOKENS];
    private int tokens;

    private int status;
    private boolean http10;
    private boolean closeToken;
    private boolean keepAliveToken;
    private boolean chunked;
    private boolean transferEncoding;
    private long contentLength;
    private String problem;

    /**
     * Parses the head in {@code buf} from {@code from} to {@code end} (exclusive; the bytes of the
     * final empty line included). False when it is malformed ({@link #problem()} says why).
     */
    boolean parse(ByteBuf buf, int from, int end) {
        int length = end - from;
        if (head.length < length) {
            head = new byte[Math.max(length, head.length * 2)];
        }
        buf.getBytes(from, head, 0, length);
        return parse(head, length);
    }

    private boolean parse(byte[] buf, int end) {
        fieldCount = 0;
        tokens = 0;
        closeToken = false;
        keepAliveToken = false;
        chunked = false;
        transferEncoding = false;
        contentLength = -1;
        problem = null;
        int index = statusLine(buf, 0, end);
        while (index >= 0 && index < end) {
            byte first = buf[index];
            if (first == CR || first == LF) {
                int lineEnd = first == LF ? index + 1 : index + 2;
                if (lineEnd != end || buf[lineEnd - 1] != LF) {
                    return fail("malformed end of head");
                }
                markConnectionNominees();
                if (chunked && contentLength >= 0) {
                    return fail("both Content-Length and Transfer-Encoding");
                }
                return true;
            }
            index = field(buf, index, end);
        }
        return problem == null ? fail("head ended early") : false;
    }

    int status() {
        return status;
    }

    boolean interim() {
        return status >= 100 && status < 200;
    }

    String problem() {
        return problem;
    }

    /** Whether the backend lets the connection be reused after this response. */
    boolean keepAlive() {
        return http10 ? keepAliveToken && !closeToken : !closeToken;
    }

    /** How the body is framed for a request of the given kind (RFC 9112 6.3). */
    Framing framing(boolean headRequest) {
        if (headRequest || interim() || status == 204 || status == 304) {
            return Framing.NONE;
        }
        if (transferEncoding) {
            return chunked ? Framing.CHUNKED : Framing.UNTIL_CLOSE;
        }
        if (contentLength >= 0) {
            return contentLength == 0 ? Framing.NONE : Framing.FIXED;
        }
        return Framing.UNTIL_CLOSE;
    }

    long contentLength() {
        return contentLength;
    }

    /**
     * Writes the status line and every end-to-end field line, each ended by CRLF. The status line
     * carries the proxy's own version, HTTP/1.1, whatever the backend's (RFC 9110 6.2).
     */
    void copyEndToEndFields(ByteBuf out) {
        out.writeBytes(HTTP_1_1).writeBytes(head, HTTP_1_1.length, statusContentEnd - HTTP_1_1.length).writeShort(CRLF);
        for (int i = 0; i < fieldCount; i++) {
            if (!drop[i]) {
                out.writeBytes(head, fieldStart[i], fieldEnd[i] - fieldStart[i]).writeShort(CRLF);
            }
        }
    }

    /** Bytes {@link #copyEndToEndFields} writes at most. */
    int copyLength() {
        return (fieldCount > 0 ? fieldEnd[fieldCount - 1] : statusContentEnd) + 2 * (fieldCount + 1);
    }

    private int statusLine(byte[] buf, int from, int end) {
        // HTTP/d.d SP 3DIGIT [SP reason] CRLF
        if (end - from < 14 || !matches(buf, from, "HTTP/1.") || !HttpBytes.isDigit(buf[from + 7])
                || buf[from + 8] != SP) {
            fail("malformed status line");
            return -1;
        }
        http10 = buf[from + 7] == '0';
        int code = 0;
        for (int i = from + 9; i < from + 12; i++) {
            byte b = buf[i];
            if (!HttpBytes.isDigit(b)) {
                fail("malformed status code");
                return -1;
            }
            code = code * 10 + (b - '0');
        }
        if (code < 100) {
            fail("malformed status code");
            return -1;
        }
        status = code;
        int index = from + 12;
        byte next = buf[index];
        if (next == SP) {
            index = valueEnd(buf, index + 1, end, "control character in the reason phrase");
            if (index < 0) {
                return -1;
            }
        }
        int nextLine = lineEnd(buf, index, end);
        if (nextLine < 0) {
            fail("malformed status line");
            return -1;
        }
        statusContentEnd = index;
        return nextLine;
    }

    /** Parses one field line starting at {@code start}; returns where the next line starts, or -1. */
    private int field(byte[] buf, int start, int end) {
        if (fieldCount == fieldStart.length) {
            if (fieldCount == MAX_FIELDS) {
                fail("too many header fields");
                return -1;
            }
            grow();
        }
        int index = start;
        while (index < end && HttpBytes.isTchar(buf[index])) {
            index++;
        }
        if (index == start || index >= end || buf[index] != ':') {
            byte b = start < end ? buf[start] : 0;
            fail(b == SP || b == HTAB ? "folded header line (obs-fold)" : "malformed header field name");
            return -1;
        }
        int colon = index;
        index = valueEnd(buf, index + 1, end, "control character in a header value");
        if (index < 0) {
            return -1;
        }
        int next = lineEnd(buf, index, end);
        if (next < 0) {
            fail("malformed header line");
            return -1;
        }
        int slot = fieldCount++;
        fieldStart[slot] = start;
        nameEnd[slot] = colon;
        fieldEnd[slot] = index;
        drop[slot] = false;
        classify(buf, slot, colon + 1, index);
        return problem == null ? next : -1;
    }

    /** Where the text from {@code index} to the line end stops, or -1 (failing with {@code problem}) at a control character. */
    private int valueEnd(byte[] buf, int index, int end, String problem) {
        while (index < end && buf[index] != CR && buf[index] != LF) {
            if (!HttpBytes.isFieldValue(buf[index])) {
                fail(problem);
                return -1;
            }
            index++;
        }
        return index;
    }

    /** Where the next line starts after the line end at {@code index} (CRLF or LF), or -1. */
    private static int lineEnd(byte[] buf, int index, int end) {
        if (index < end && buf[index] == LF) {
            return index + 1;
        }
        return index + 1 < end && buf[index] == CR && buf[index + 1] == LF ? index + 2 : -1;
    }

    private void grow() {
        int size = fieldStart.length * 2;
        fieldStart = Arrays.copyOf(fieldStart, size);
        nameEnd = Arrays.copyOf(nameEnd, size);
        fieldEnd = Arrays.copyOf(fieldEnd, size);
        drop = Arrays.copyOf(drop, size);
    }

    private void classify(byte[] buf, int slot, int valueStart, int valueEnd) {
        int nameStart = fieldStart[slot];
        int nameLength = nameEnd[slot] - nameStart;
        for (int i = 0; i < HOP_BY_HOP.length; i++) {
            if (nameEquals(buf, nameStart, nameLength, HOP_BY_HOP[i])) {
                drop[slot] = true;
                if (i == CONNECTION) {
                    connectionTokens(buf, valueStart, valueEnd);
                }
                return;
            }
        }
        if (nameEquals(buf, nameStart, nameLength, CONTENT_LENGTH)) {
            contentLength(buf, valueStart, valueEnd);
            drop[slot] = withoutContent();
        } else if (nameEquals(buf, nameStart, nameLength, TRANSFER_ENCODING)) {
            transferEncoding = true;
            chunked = lastTokenIs(buf, valueStart, valueEnd, CHUNKED);
            drop[slot] = withoutContent();
        }
    }

    /** 1xx and 204 responses never have content, and must not say how long it is (RFC 9110 8.6, 9112 6.1). */
    private boolean withoutContent() {
        return interim() || status == 204;
    }

    private void contentLength(byte[] buf, int from, int to) {
        int start = skipWhitespace(buf, from, to);
        int end = trimWhitespace(buf, start, to);
        if (end == start || end - start > 18) {
            fail("malformed Content-Length");
            return;
        }
        long value = 0;
        for (int i = start; i < end; i++) {
            byte b = buf[i];
            if (!HttpBytes.isDigit(b)) {
                fail("malformed Content-Length");
                return;
            }
            value = value * 10 + (b - '0');
        }
        if (contentLength >= 0 && contentLength != value) {
            fail("conflicting Content-Length values");
            return;
        }
        contentLength = value;
    }

    private void connectionTokens(byte[] buf, int from, int to) {
        int index = from;
        while (index <= to) {
            int comma = index;
            while (comma < to && buf[comma] != ',') {
                comma++;
            }
            int start = skipWhitespace(buf, index, comma);
            int end = trimWhitespace(buf, start, comma);
            if (end > start) {
                if (nameEquals(buf, start, end - start, CLOSE)) {
                    closeToken = true;
                } else if (nameEquals(buf, start, end - start, KEEP_ALIVE)) {
                    keepAliveToken = true;
                } else if (tokens < MAX_CONNECTION_TOKENS) {
                    tokenStart[tokens] = start;
                    tokenEnd[tokens] = end;
                    tokens++;
                }
            }
            index = comma + 1;
        }
    }

    /** Drops the fields that Connection names (they may come before or after it). */
    private void markConnectionNominees() {
        for (int t = 0; t < tokens; t++) {
            int length = tokenEnd[t] - tokenStart[t];
            if (nameEquals(head, tokenStart[t], length, TRANSFER_ENCODING)) {
                continue; // the body is forwarded in its own framing, which Transfer-Encoding describes
            }
            for (int i = 0; i < fieldCount; i++) {
                if (nameEnd[i] - fieldStart[i] == length && regionEqualsIgnoreCase(head, fieldStart[i], tokenStart[t], length)) {
                    drop[i] = true;
                }
            }
        }
    }

    private static boolean lastTokenIs(byte[] buf, int from, int to, byte[] token) {
        int end = trimWhitespace(buf, from, to);
        int start = end;
        while (start > from && buf[start - 1] != ',') {
            start--;
        }
        start = skipWhitespace(buf, start, end);
        return nameEquals(buf, start, end - start, token);
    }

    private static boolean matches(byte[] buf, int from, String ascii) {
        for (int i = 0; i < ascii.length(); i++) {
            if (buf[from + i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private boolean fail(String why) {
        if (problem == null) {
            problem = why;
        }
        return false;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[][] names(String... names) {
        byte[][] out = new byte[names.length][];
        for (int i = 0; i < names.length; i++) {
            out[i] = bytes(names[i]);
        }
        return out;
    }
}
