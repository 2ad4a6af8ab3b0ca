package io.balance.proxy.http;

import static io.balance.proxy.http.HttpBytes.CR;
import static io.balance.proxy.http.HttpBytes.LF;
import static io.balance.proxy.http.HttpBytes.SP;
import static io.balance.proxy.http.HttpBytes.nameEquals;
import static io.balance.proxy.http.HttpBytes.skipWhitespace;
import static io.balance.proxy.http.HttpBytes.trimWhitespace;

import io.balance.proxy.metrics.HttpMethods;
import io.netty.buffer.ByteBuf;
import io.netty.util.AsciiString;
import io.netty.util.concurrent.FastThreadLocal;
import java.nio.charset.StandardCharsets;

/**
 * Reads a complete request head in place, after {@link HeadSyntax} has accepted its bytes (so
 * every line ends in CRLF, the request line is {@code METHOD SP TARGET SP HTTP/d.d}, and every
 * field line is {@code name:value} with a token name), and decides whether it may be forwarded:
 * a supported version and method, a target in a form a proxy serves, unambiguous body framing,
 * exactly one valid Host in HTTP/1.1, no protocol upgrade. Nothing is decoded into objects: the
 * head is copied into an array reused by every connection of the event loop, and only the few
 * facts the forwarding needs are kept ({@link #method()}, {@link #keepAlive()}, ...), valid until
 * the next head is read on the same event loop.
 */
final class RequestHead {
    private static final int MAX_CONTENT_LENGTH_DIGITS = 18; // stays below Long.MAX_VALUE
    private static final byte[] HOST = ascii("host");
    private static final byte[] CONTENT_LENGTH = ascii("content-length");
    private static final byte[] TRANSFER_ENCODING = ascii("transfer-encoding");
    private static final byte[] UPGRADE = ascii("upgrade");
    private static final byte[] CONNECTION = ascii("connection");
    private static final byte[] CHUNKED = ascii("chunked");
    private static final byte[] H2C = ascii("h2c");
    private static final byte[] CLOSE = ascii("close");
    private static final byte[] KEEP_ALIVE = ascii("keep-alive");
    private static final byte[] HTTP_SCHEME = ascii("http://");
    private static final int VERSION_AND_CRLF = "HTTP/1.1\r\n".length();

    private static final FastThreadLocal<RequestHead> PER_EVENT_LOOP = new FastThreadLocal<>() {
        @Override
        protected RequestHead initialValue() {
            return new RequestHead();
        }
    };

    private byte[] head = new byte[2048];
    private int start;
    private int end;
    private int targetFrom;
    private int targetTo;
    private int authorityTo; // absolute-form: the authority is [targetFrom + "http://".length, authorityTo)
    private boolean absoluteForm;
    private int fieldsStart;
    private int method;
    private boolean http11;
    private boolean keepAlive;
    private boolean chunked;
    private long bodyLength;
    // while collecting the fields
    private int hosts;
    private int hostFrom;
    private int hostTo;
    private int contentLengths;
    private int contentLengthFrom;
    private int contentLengthTo;
    private int transferEncodings;
    private int transferEncodingFrom;
    private int transferEncodingTo;
    private boolean upgrade;
    private boolean close;
    private boolean keepAliveToken;

    private RequestHead() {
    }

    /** Reads {@code bytes} (not consumed) into this event loop's instance. */
    static RequestHead read(ByteBuf bytes) {
        RequestHead requestHead = PER_EVENT_LOOP.get();
        requestHead.copy(bytes);
        return requestHead;
    }

    /** The value of the first field called {@code name} (any case), or null without one. */
    CharSequence value(AsciiString name) {
        for (int line = fieldsStart; head[line] != CR; ) {
            int colon = indexOf(head, line, (byte) ':');
            int cr = indexOf(head, colon, CR);
            if (colon - line == name.length() && named(line, name)) {
                int from = skipWhitespace(head, colon + 1, cr);
                return new AsciiString(head, from, trimWhitespace(head, from, cr) - from, true);
            }
            line = cr + 2;
        }
        return null;
    }

    private boolean named(int from, AsciiString name) {
        for (int i = 0; i < name.length(); i++) {
            if (HttpBytes.lower(head[from + i]) != HttpBytes.lower(name.byteAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** The head as read, from {@link #start()} (after any empty lines) to {@link #end()}. */
    byte[] bytes() {
        return head;
    }

    int start() {
        return start;
    }

    int end() {
        return end;
    }

    private void copy(ByteBuf bytes) {
        end = bytes.readableBytes();
        if (head.length < end) {
            head = new byte[Math.max(end, 2 * head.length)];
        }
        bytes.getBytes(bytes.readerIndex(), head, 0, end);
        start = 0;
        while (head[start] == CR || head[start] == LF) {
            start++; // empty lines before the request line (RFC 9112 2.2)
        }
        int methodEnd = indexOf(head, start, SP);
        method = HttpMethods.index(head, start, methodEnd - start);
        targetFrom = methodEnd + 1;
        targetTo = indexOf(head, targetFrom, SP);
        fieldsStart = targetTo + 1 + VERSION_AND_CRLF;
    }

    /** Why the head must be refused, or null to forward it; then the facts below are set. */
    RejectReason check() {
        int major = head[targetTo + 6] - '0';
        int minor = head[targetTo + 8] - '0';
        if (major != 1 || minor > 1) {
            return RejectReason.UNSUPPORTED_VERSION;
        }
        http11 = minor == 1;
        if (method == HttpMethods.CONNECT) {
            return RejectReason.CONNECT_NOT_SUPPORTED;
        }
        if (method == HttpMethods.OTHER) {
            return RejectReason.BAD_METHOD;
        }
        if (!targetAccepted()) {
            return RejectReason.BAD_REQUEST_TARGET;
        }
        collectFields();
        RejectReason framing = checkFraming();
        if (framing != null) {
            return framing;
        }
        if (hosts > 1 || hosts == 0 && http11 || hosts == 1 && !HostSyntax.isValid(head, hostFrom, hostTo)) {
            return RejectReason.BAD_HOST;
        }
        if (upgrade) {
            return RejectReason.UPGRADE_NOT_SUPPORTED;
        }
        keepAlive = !close && (http11 || keepAliveToken);
        return null;
    }

    /** The method's index in {@link HttpMethods}. */
    int method() {
        return method;
    }

    boolean http11() {
        return http11;
    }

    /** The client wants the connection kept open after the response (RFC 9112 9.3). */
    boolean keepAlive() {
        return keepAlive;
    }

    /** The body is chunked; otherwise it has {@link #bodyLength()} bytes. */
    boolean chunked() {
        return chunked;
    }

    long bodyLength() {
        return bodyLength;
    }

    /**
     * The target is absolute-form, {@code http://authority[/path][?query]}: it is forwarded in
     * origin-form with the authority as {@code Host}, whatever Host the client sent (RFC 9112 3.2.2).
     */
    boolean absoluteForm() {
        return absoluteForm;
    }

    /** Where the target's authority starts; absolute-form only. */
    int authorityFrom() {
        return targetFrom + HTTP_SCHEME.length;
    }

    /** Where it ends: the path or query that follows, if any, starts here. Absolute-form only. */
    int authorityTo() {
        return authorityTo;
    }

    int targetFrom() {
        return targetFrom;
    }

    int targetTo() {
        return targetTo;
    }

    /** Origin-form, {@code *} for OPTIONS, or absolute-form {@code http://} with a valid authority. */
    private boolean targetAccepted() {
        absoluteForm = false;
        int length = targetTo - targetFrom;
        if (head[targetFrom] == '/') {
            return true;
        }
        if (length == 1 && head[targetFrom] == '*') {
            return method == 6; // OPTIONS
        }
        if (length <= HTTP_SCHEME.length || !nameEquals(head, targetFrom, HTTP_SCHEME.length, HTTP_SCHEME)) {
            return false;
        }
        int authorityFrom = authorityFrom();
        authorityTo = authorityFrom;
        while (authorityTo < targetTo && head[authorityTo] != '/' && head[authorityTo] != '?') {
            authorityTo++;
        }
        absoluteForm = HostSyntax.isValid(head, authorityFrom, authorityTo);
        return absoluteForm;
    }

    private void collectFields() {
        hosts = 0;
        contentLengths = 0;
        transferEncodings = 0;
        upgrade = false;
        close = false;
        keepAliveToken = false;
        for (int line = fieldsStart; head[line] != CR; ) {
            int colon = indexOf(head, line, (byte) ':');
            int cr = indexOf(head, colon, CR);
            int from = skipWhitespace(head, colon + 1, cr);
            int to = trimWhitespace(head, from, cr);
            field(line, colon - line, from, to);
            line = cr + 2;
        }
    }

    private void field(int name, int nameLength, int from, int to) {
        if (nameEquals(head, name, nameLength, HOST)) {
            hosts++;
            hostFrom = from;
            hostTo = to;
        } else if (nameEquals(head, name, nameLength, CONTENT_LENGTH)) {
            contentLengths++;
            contentLengthFrom = from;
            contentLengthTo = to;
        } else if (nameEquals(head, name, nameLength, TRANSFER_ENCODING)) {
            transferEncodings++;
            transferEncodingFrom = from;
            transferEncodingTo = to;
        } else if (nameEquals(head, name, nameLength, UPGRADE)) {
            // An h2c upgrade offer may be ignored (RFC 9110 7.8): the request is served as
            // HTTP/1.1 and the offer dropped with the hop-by-hop fields. Others get 501.
            upgrade |= !nameEquals(head, from, to - from, H2C);
        } else if (nameEquals(head, name, nameLength, CONNECTION)) {
            connectionTokens(from, to);
        }
    }

    private void connectionTokens(int from, int to) {
        while (from < to) {
            int comma = indexOf(head, from, to, (byte) ',');
            int tokenFrom = skipWhitespace(head, from, comma);
            int tokenTo = trimWhitespace(head, tokenFrom, comma);
            close |= nameEquals(head, tokenFrom, tokenTo - tokenFrom, CLOSE);
            keepAliveToken |= nameEquals(head, tokenFrom, tokenTo - tokenFrom, KEEP_ALIVE);
            from = comma + 1;
        }
    }

    private RejectReason checkFraming() {
        chunked = transferEncodings > 0;
        bodyLength = 0;
        if (chunked) {
            if (!http11) {
                return RejectReason.BAD_TRANSFER_ENCODING;
            }
            if (contentLengths > 0) {
                return RejectReason.CL_AND_TE;
            }
            boolean chunkedOnly = transferEncodings == 1
                    && nameEquals(head, transferEncodingFrom, transferEncodingTo - transferEncodingFrom, CHUNKED);
            return chunkedOnly ? null : RejectReason.BAD_TRANSFER_ENCODING;
        }
        if (contentLengths > 0) {
            bodyLength = contentLengths == 1 ? parseLength(contentLengthFrom, contentLengthTo) : -1;
        }
        return bodyLength < 0 ? RejectReason.BAD_CONTENT_LENGTH : null;
    }

    /** 1 to 18 ASCII digits and nothing else; -1 otherwise. */
    private long parseLength(int from, int to) {
        if (from == to || to - from > MAX_CONTENT_LENGTH_DIGITS) {
            return -1;
        }
        long result = 0;
        for (int i = from; i < to; i++) {
            if (!HttpBytes.isDigit(head[i])) {
                return -1;
            }
            result = result * 10 + (head[i] - '0');
        }
        return result;
    }

    /** The first {@code value} at or after {@code from}; the head is known to hold one. */
    private static int indexOf(byte[] bytes, int from, byte value) {
        int i = from;
        while (bytes[i] != value) {
            i++;
        }
        return i;
    }

    /** The first {@code value} in {@code [from, to)}, else {@code to}. */
    private static int indexOf(byte[] bytes, int from, int to, byte value) {
        int i = from;
        while (i < to && bytes[i] != value) {
            i++;
        }
        return i;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
