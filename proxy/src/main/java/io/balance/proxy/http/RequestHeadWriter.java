package io.balance.proxy.http;

import static io.balance.proxy.http.HttpBytes.CR;
import static io.balance.proxy.http.HttpBytes.HTAB;
import static io.balance.proxy.http.HttpBytes.LF;
import static io.balance.proxy.http.HttpBytes.SP;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.concurrent.FastThreadLocal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds the head a request is forwarded with from the bytes the client sent, which
 * {@link RawRequestGuard} and {@link RequestFramingValidator} have already checked: the request
 * line and every end-to-end field line are copied as they came, in runs, never decoded and
 * encoded again. Hop-by-hop fields (RFC 9110 7.6.1: {@code Connection}, {@code Keep-Alive},
 * {@code Proxy-Connection}, {@code TE}, {@code Trailer}, {@code Upgrade},
 * {@code Proxy-Authorization}, and the fields {@code Connection} names) are left out, and
 * {@code X-Forwarded-For/-Proto/-Host} are set: extended or kept when the client is a trusted
 * proxy, overwritten otherwise. {@code Connection} can never take away the fields that frame the
 * message ({@code Content-Length}, {@code Transfer-Encoding}) or {@code Host}.
 */
final class RequestHeadWriter {
    private static final byte[] CONNECTION = lower("connection");
    private static final byte[] KEEP_ALIVE = lower("keep-alive");
    private static final byte[] PROXY_CONNECTION = lower("proxy-connection");
    private static final byte[] TE = lower("te");
    private static final byte[] TRAILER = lower("trailer");
    private static final byte[] UPGRADE = lower("upgrade");
    private static final byte[] PROXY_AUTHORIZATION = lower("proxy-authorization");
    private static final byte[] HOST = lower("host");
    private static final byte[] CONTENT_LENGTH = lower("content-length");
    private static final byte[] TRANSFER_ENCODING = lower("transfer-encoding");
    private static final byte[] X_FORWARDED_FOR = lower("x-forwarded-for");
    private static final byte[] X_FORWARDED_PROTO = lower("x-forwarded-proto");
    private static final byte[] X_FORWARDED_HOST = lower("x-forwarded-host");

    private static final byte[] XFF_PREFIX = lower("x-forwarded-for: ");
    private static final byte[] XFF_SEPARATOR = lower(", ");
    private static final byte[] XFP_HTTP = lower("x-forwarded-proto: http\r\n");
    private static final byte[] XFH_PREFIX = lower("x-forwarded-host: ");
    private static final byte[] CRLF = lower("\r\n");
    private static final int ADDED_MAX = XFF_PREFIX.length + XFF_SEPARATOR.length + 48 + XFP_HTTP.length + XFH_PREFIX.length + 3 * CRLF.length;

    private enum Kind { KEEP, DROP, HOST, XFF, XFP, XFH }

    /** Per event loop: a copy of the head being written, and the offsets of its {@code Connection} tokens. */
    private static final FastThreadLocal<Scratch> SCRATCH = new FastThreadLocal<>() {
        @Override
        protected Scratch initialValue() {
            return new Scratch();
        }
    };

    private static final class Scratch {
        byte[] head = new byte[2048];
        int[] tokens = new int[16];
    }

    private RequestHeadWriter() {
    }

    /**
     * @param bytes     a complete, checked request head, up to and including its empty line
     * @param trusted   the client is a trusted proxy: its {@code X-Forwarded-*} values stay
     * @param clientIp  the client's address in ASCII, appended to {@code X-Forwarded-For}
     */
    static ByteBuf write(ByteBufAllocator alloc, ByteBuf bytes, boolean trusted, byte[] clientIp) {
        Scratch scratch = SCRATCH.get();
        int end = bytes.readableBytes();
        if (scratch.head.length < end) {
            scratch.head = new byte[Math.max(end, 2 * scratch.head.length)];
        }
        byte[] head = scratch.head;
        bytes.getBytes(bytes.readerIndex(), head, 0, end);
        int start = 0;
        while (head[start] == CR || head[start] == LF) {
            start++; // empty lines before the request line (RFC 9112 2.2)
        }
        int tokenEnd = collectConnectionTokens(scratch, start, end);
        int[] tokens = scratch.tokens;
        ByteBuf out = alloc.buffer(end - start + ADDED_MAX);
        int lineStart = indexOf(head, start, end, LF) + 1;
        int runStart = start;
        int hostFrom = -1;
        int hostTo = -1;
        int xffFrom = -1;
        int xffTo = -1;
        boolean protoKept = false;
        boolean hostKept = false;
        while (lineStart < end) {
            int lineEnd = indexOf(head, lineStart, end, LF) + 1;
            int colon = head[lineStart] == CR ? -1 : indexOf(head, lineStart, lineEnd, (byte) ':');
            if (colon < 0) {
                break; // the empty line that ends the head
            }
            Kind kind = kind(head, lineStart, colon);
            if (kind == Kind.KEEP && tokenEnd > 0 && namedIn(tokens, tokenEnd, head, lineStart, colon)) {
                kind = Kind.DROP;
            }
            boolean keep = switch (kind) {
                case KEEP -> true;
                case DROP -> false;
                case HOST -> {
                    if (hostFrom < 0) {
                        hostFrom = valueStart(head, colon + 1, lineEnd);
                        hostTo = valueEnd(head, hostFrom, lineEnd);
                    }
                    yield true;
                }
                case XFF -> {
                    if (trusted && xffFrom < 0) {
                        xffFrom = valueStart(head, colon + 1, lineEnd);
                        xffTo = valueEnd(head, xffFrom, lineEnd);
                    }
                    yield false;
                }
                case XFP -> {
                    protoKept |= trusted;
                    yield trusted;
                }
                case XFH -> {
                    hostKept |= trusted;
                    yield trusted;
                }
            };
            if (!keep) {
                out.writeBytes(head, runStart, lineStart - runStart);
                runStart = lineEnd;
            }
            lineStart = lineEnd;
        }
        out.writeBytes(head, runStart, lineStart - runStart);
        out.writeBytes(XFF_PREFIX);
        if (xffFrom < xffTo) {
            out.writeBytes(head, xffFrom, xffTo - xffFrom).writeBytes(XFF_SEPARATOR);
        }
        out.writeBytes(clientIp).writeBytes(CRLF);
        if (!protoKept) {
            out.writeBytes(XFP_HTTP);
        }
        if (!hostKept && hostFrom >= 0) {
            out.writeBytes(XFH_PREFIX).writeBytes(head, hostFrom, hostTo - hostFrom).writeBytes(CRLF);
        }
        return out.writeBytes(CRLF);
    }

    static byte[] ascii(String clientIp) {
        return clientIp.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static Kind kind(byte[] head, int from, int colon) {
        return switch (colon - from) {
            case 2 -> is(head, from, TE) ? Kind.DROP : Kind.KEEP;
            case 4 -> is(head, from, HOST) ? Kind.HOST : Kind.KEEP;
            case 7 -> is(head, from, TRAILER) || is(head, from, UPGRADE) ? Kind.DROP : Kind.KEEP;
            case 10 -> is(head, from, CONNECTION) || is(head, from, KEEP_ALIVE) ? Kind.DROP : Kind.KEEP;
            case 15 -> is(head, from, X_FORWARDED_FOR) ? Kind.XFF : Kind.KEEP;
            case 16 -> is(head, from, X_FORWARDED_HOST) ? Kind.XFH : is(head, from, PROXY_CONNECTION) ? Kind.DROP : Kind.KEEP;
            case 17 -> is(head, from, X_FORWARDED_PROTO) ? Kind.XFP : Kind.KEEP;
            case 19 -> is(head, from, PROXY_AUTHORIZATION) ? Kind.DROP : Kind.KEEP;
            default -> Kind.KEEP;
        };
    }

    /**
     * Collects the tokens of every {@code Connection} field as start and end offset pairs into the
     * per-thread array, skipping tokens that name a framing field or Host; returns how many ints it used.
     */
    private static int collectConnectionTokens(Scratch scratch, int start, int end) {
        byte[] head = scratch.head;
        int count = 0;
        int lineStart = indexOf(head, start, end, LF) + 1;
        while (lineStart < end) {
            int lineEnd = indexOf(head, lineStart, end, LF) + 1;
            if (lineEnd - lineStart > CONNECTION.length && head[lineStart + CONNECTION.length] == ':'
                    && is(head, lineStart, CONNECTION)) {
                int from = lineStart + CONNECTION.length + 1;
                while (from < lineEnd) {
                    int comma = indexOf(head, from, lineEnd, (byte) ',');
                    int to = comma < 0 ? lineEnd : comma;
                    int tokenFrom = valueStart(head, from, to);
                    int tokenTo = valueEnd(head, tokenFrom, to);
                    if (tokenFrom < tokenTo && !framingOrHost(head, tokenFrom, tokenTo)) {
                        if (count + 2 > scratch.tokens.length) {
                            scratch.tokens = Arrays.copyOf(scratch.tokens, scratch.tokens.length * 2);
                        }
                        scratch.tokens[count++] = tokenFrom;
                        scratch.tokens[count++] = tokenTo;
                    }
                    from = to + 1;
                }
            }
            lineStart = lineEnd;
        }
        return count;
    }

    private static boolean framingOrHost(byte[] head, int from, int to) {
        int length = to - from;
        return length == CONTENT_LENGTH.length && is(head, from, CONTENT_LENGTH)
                || length == TRANSFER_ENCODING.length && is(head, from, TRANSFER_ENCODING)
                || length == HOST.length && is(head, from, HOST);
    }

    private static boolean namedIn(int[] tokens, int tokenEnd, byte[] head, int from, int colon) {
        int length = colon - from;
        for (int i = 0; i < tokenEnd; i += 2) {
            if (tokens[i + 1] - tokens[i] == length && sameIgnoringCase(head, tokens[i], from, length)) {
                return true;
            }
        }
        return false;
    }

    /** Case-insensitive equality of two token-character ranges of {@code head}. */
    private static boolean sameIgnoringCase(byte[] head, int a, int b, int length) {
        for (int i = 0; i < length; i++) {
            if (lowerCase(head[a + i]) != lowerCase(head[b + i])) {
                return false;
            }
        }
        return true;
    }

    private static byte lowerCase(byte b) {
        return b >= 'A' && b <= 'Z' ? (byte) (b | 0x20) : b;
    }

    /**
     * {@code name} (lower case letters and '-') matches at {@code from}; OR-ing 0x20 lower-cases a
     * letter and maps no other token character onto a letter or '-'.
     */
    private static boolean is(byte[] head, int from, byte[] name) {
        for (int i = 0; i < name.length; i++) {
            if ((head[from + i] | 0x20) != name[i]) {
                return false;
            }
        }
        return true;
    }

    private static int valueStart(byte[] head, int from, int to) {
        while (from < to && isWhitespace(head[from])) {
            from++;
        }
        return from;
    }

    /** The end of the value starting at {@code from}, before trailing whitespace and the line's CRLF. */
    private static int valueEnd(byte[] head, int from, int to) {
        while (to > from && (isWhitespace(head[to - 1]) || head[to - 1] == CR || head[to - 1] == LF)) {
            to--;
        }
        return to;
    }

    private static int indexOf(byte[] head, int from, int to, byte value) {
        for (int i = from; i < to; i++) {
            if (head[i] == value) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isWhitespace(byte b) {
        return b == SP || b == HTAB;
    }

    private static byte[] lower(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
