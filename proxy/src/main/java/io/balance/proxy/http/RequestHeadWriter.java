package io.balance.proxy.http;

import static io.balance.proxy.http.HttpBytes.CR;
import static io.balance.proxy.http.HttpBytes.LF;
import static io.balance.proxy.http.HttpBytes.nameEquals;
import static io.balance.proxy.http.HttpBytes.regionEqualsIgnoreCase;
import static io.balance.proxy.http.HttpBytes.skipWhitespace;
import static io.balance.proxy.http.HttpBytes.trimWhitespace;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.concurrent.FastThreadLocal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds the head a request is forwarded with from the bytes the client sent, which
 * {@link RequestReader} has already checked: the request
 * line and every end-to-end field line are copied as they came, in runs, never decoded and
 * encoded again. Hop-by-hop fields (RFC 9110 7.6.1: {@code Connection}, {@code Keep-Alive},
 * {@code Proxy-Connection}, {@code TE}, {@code Trailer}, {@code Upgrade},
 * {@code Proxy-Authorization}, and the fields {@code Connection} names) are left out, and
 * {@code X-Forwarded-For/-Proto/-Host} are set: extended or kept when the client is a trusted
 * proxy, overwritten otherwise. The other fields that claim who the client is ({@code Forwarded},
 * {@code X-Real-IP}) are kept from a trusted proxy and left out otherwise. {@code Connection} can
 * never take away the fields that frame the message ({@code Content-Length},
 * {@code Transfer-Encoding}) or {@code Host}. An absolute-form
 * target is forwarded in origin-form, its authority taking the place of the client's {@code Host}
 * (RFC 9112 3.2.2), so the backend and {@code X-Forwarded-Host} see the host the request names.
 * An HTTP/1.0 request asks the backend for a persistent connection ({@code Connection: keep-alive},
 * RFC 9112 C.2.2), as an HTTP/1.1 one does by default, so its backend connection can go back to
 * the pool whatever the client wants for its own connection.
 */
final class RequestHeadWriter {
    private static final byte[] CONNECTION = bytes("connection");
    private static final byte[][] HOP_BY_HOP = {CONNECTION, bytes("keep-alive"), bytes("proxy-connection"), bytes("te"),
        bytes("trailer"), bytes("upgrade"), bytes("proxy-authorization")};
    private static final byte[] HOST = bytes("host");
    private static final byte[] CONTENT_LENGTH = bytes("content-length");
    private static final byte[] TRANSFER_ENCODING = bytes("transfer-encoding");
    private static final byte[] X_FORWARDED_FOR = bytes("x-forwarded-for");
    private static final byte[] X_FORWARDED_PROTO = bytes("x-forwarded-proto");
    private static final byte[] X_FORWARDED_HOST = bytes("x-forwarded-host");
    private static final byte[] FORWARDED = bytes("forwarded");
    private static final byte[] X_REAL_IP = bytes("x-real-ip");

    private static final byte[] XFF_PREFIX = bytes("x-forwarded-for: ");
    private static final byte[] XFF_SEPARATOR = bytes(", ");
    private static final byte[] XFP_HTTP = bytes("x-forwarded-proto: http\r\n");
    private static final byte[] XFH_PREFIX = bytes("x-forwarded-host: ");
    private static final byte[] HOST_PREFIX = bytes("host: ");
    private static final byte[] KEEP_ALIVE_1_0 = bytes("connection: keep-alive\r\n");
    private static final byte[] CRLF = bytes("\r\n");
    private static final int ADDED_MAX = XFF_PREFIX.length + XFF_SEPARATOR.length + 48 + XFP_HTTP.length + XFH_PREFIX.length + 3 * CRLF.length
            + KEEP_ALIVE_1_0.length;

    private enum Kind { KEEP, DROP, HOST, XFF, XFP, XFH, CLIENT_CLAIM }

    /** Per event loop: the offsets of the {@code Connection} tokens of the head being written. */
    private static final FastThreadLocal<Scratch> SCRATCH = new FastThreadLocal<>() {
        @Override
        protected Scratch initialValue() {
            return new Scratch();
        }
    };

    private static final class Scratch {
        int[] tokens = new int[16];
    }

    private RequestHeadWriter() {
    }

    /**
     * @param requestHead a complete, checked request head, just {@linkplain RequestHead#read read}
     * @param trusted     the client is a trusted proxy: its {@code X-Forwarded-*} values stay
     * @param client      the client's address, appended to {@code X-Forwarded-For}
     * @param notIpv4     its text when it is not IPv4 ({@link ForwardedClient#unlessIpv4})
     */
    static ByteBuf write(ByteBufAllocator alloc, RequestHead requestHead, boolean trusted, InetSocketAddress client,
            ForwardedClient notIpv4) {
        Scratch scratch = SCRATCH.get();
        byte[] head = requestHead.bytes();
        int start = requestHead.start();
        int end = requestHead.end();
        int tokenEnd = collectConnectionTokens(scratch, head, start, end);
        int[] tokens = scratch.tokens;
        ByteBuf out = alloc.buffer(end - start + ADDED_MAX);
        int lineStart = indexOf(head, start, end, LF) + 1;
        int runStart = start;
        int hostFrom = -1;
        int hostTo = -1;
        boolean absoluteForm = requestHead.absoluteForm();
        if (absoluteForm) {
            writeOriginForm(out, requestHead, head, start, lineStart);
            runStart = lineStart;
            hostFrom = requestHead.authorityFrom();
            hostTo = requestHead.authorityTo();
        }
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
                        hostFrom = skipWhitespace(head, colon + 1, lineEnd - 2);
                        hostTo = trimWhitespace(head, hostFrom, lineEnd - 2);
                    }
                    yield !absoluteForm;
                }
                case XFF -> {
                    if (trusted && xffFrom < 0) {
                        xffFrom = skipWhitespace(head, colon + 1, lineEnd - 2);
                        xffTo = trimWhitespace(head, xffFrom, lineEnd - 2);
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
                case CLIENT_CLAIM -> trusted;
            };
            if (!keep) {
                out.writeBytes(head, runStart, lineStart - runStart);
                runStart = lineEnd;
            }
            lineStart = lineEnd;
        }
        out.writeBytes(head, runStart, lineStart - runStart);
        if (absoluteForm) {
            out.writeBytes(HOST_PREFIX).writeBytes(head, hostFrom, hostTo - hostFrom).writeBytes(CRLF);
        }
        out.writeBytes(XFF_PREFIX);
        if (xffFrom < xffTo) {
            out.writeBytes(head, xffFrom, xffTo - xffFrom).writeBytes(XFF_SEPARATOR);
        }
        ForwardedClient.write(out, client, notIpv4);
        out.writeBytes(CRLF);
        if (!protoKept) {
            out.writeBytes(XFP_HTTP);
        }
        if (!hostKept && hostFrom >= 0) {
            out.writeBytes(XFH_PREFIX).writeBytes(head, hostFrom, hostTo - hostFrom).writeBytes(CRLF);
        }
        if (!requestHead.http11()) {
            out.writeBytes(KEEP_ALIVE_1_0);
        }
        return out.writeBytes(CRLF);
    }

    /** The request line with the absolute-form target's path and query only ({@code /} when it has no path). */
    private static void writeOriginForm(ByteBuf out, RequestHead requestHead, byte[] head, int start, int lineEnd) {
        int pathFrom = requestHead.authorityTo();
        int targetTo = requestHead.targetTo();
        out.writeBytes(head, start, requestHead.targetFrom() - start);
        if (pathFrom == targetTo || head[pathFrom] != '/') {
            out.writeByte('/');
        }
        out.writeBytes(head, pathFrom, targetTo - pathFrom);
        out.writeBytes(head, targetTo, lineEnd - targetTo);
    }

    private static Kind kind(byte[] head, int from, int colon) {
        int length = colon - from;
        if (nameEquals(head, from, length, HOST)) {
            return Kind.HOST;
        }
        if (nameEquals(head, from, length, X_FORWARDED_FOR)) {
            return Kind.XFF;
        }
        if (nameEquals(head, from, length, X_FORWARDED_PROTO)) {
            return Kind.XFP;
        }
        if (nameEquals(head, from, length, X_FORWARDED_HOST)) {
            return Kind.XFH;
        }
        if (nameEquals(head, from, length, FORWARDED) || nameEquals(head, from, length, X_REAL_IP)) {
            return Kind.CLIENT_CLAIM;
        }
        for (byte[] name : HOP_BY_HOP) {
            if (nameEquals(head, from, length, name)) {
                return Kind.DROP;
            }
        }
        return Kind.KEEP;
    }

    /**
     * Collects the tokens of every {@code Connection} field as start and end offset pairs into the
     * per-thread array, skipping tokens that name a framing field or Host; returns how many ints it used.
     */
    private static int collectConnectionTokens(Scratch scratch, byte[] head, int start, int end) {
        int count = 0;
        int lineStart = indexOf(head, start, end, LF) + 1;
        while (lineStart < end) {
            int lineEnd = indexOf(head, lineStart, end, LF) + 1;
            if (lineEnd - lineStart > CONNECTION.length && head[lineStart + CONNECTION.length] == ':'
                    && nameEquals(head, lineStart, CONNECTION.length, CONNECTION)) {
                int from = lineStart + CONNECTION.length + 1;
                int valueEnd = lineEnd - 2;
                while (from < valueEnd) {
                    int comma = indexOf(head, from, valueEnd, (byte) ',');
                    int to = comma < 0 ? valueEnd : comma;
                    int tokenFrom = skipWhitespace(head, from, to);
                    int tokenTo = trimWhitespace(head, tokenFrom, to);
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
        return nameEquals(head, from, length, CONTENT_LENGTH) || nameEquals(head, from, length, TRANSFER_ENCODING)
                || nameEquals(head, from, length, HOST);
    }

    private static boolean namedIn(int[] tokens, int tokenEnd, byte[] head, int from, int colon) {
        int length = colon - from;
        for (int i = 0; i < tokenEnd; i += 2) {
            if (tokens[i + 1] - tokens[i] == length && regionEqualsIgnoreCase(head, tokens[i], from, length)) {
                return true;
            }
        }
        return false;
    }

    private static int indexOf(byte[] head, int from, int to, byte value) {
        for (int i = from; i < to; i++) {
            if (head[i] == value) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
