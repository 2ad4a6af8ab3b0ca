package io.balance.proxy.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.AsciiString;
import java.util.Iterator;
import java.util.Map;

/**
 * Decides whether a decoded request head may be forwarded, and how its body is framed. The header
 * fields that matter (Host, Content-Length, Transfer-Encoding, Upgrade) are collected in one pass
 * into fields of this object, which is reused for every request of one connection.
 */
final class RequestHeadCheck {
    private static final int MAX_CONTENT_LENGTH_DIGITS = 18; // stays below Long.MAX_VALUE

    private int hosts;
    private CharSequence host;
    private int contentLengths;
    private CharSequence contentLength;
    private int transferEncodings;
    private CharSequence transferEncoding;
    private boolean upgrade;
    private long bodyLength;

    /** Why {@code request} must be refused, or null to forward it. */
    RejectReason check(HttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            return decoderFailure(request);
        }
        HttpVersion version = request.protocolVersion();
        if (version.majorVersion() != 1 || version.minorVersion() > 1) {
            return RejectReason.UNSUPPORTED_VERSION;
        }
        RejectReason reason = checkMethod(request.method());
        if (reason == null) {
            reason = checkTarget(request.method(), request.uri());
        }
        if (reason == null) {
            collect(request.headers());
            reason = checkFraming(version);
        }
        if (reason == null) {
            reason = checkHost(version);
        }
        if (reason == null && upgrade) {
            reason = RejectReason.UPGRADE_NOT_SUPPORTED;
        }
        return reason;
    }

    /** After an accepted check: is the body chunked? Otherwise it has {@link #bodyLength()} bytes. */
    boolean chunked() {
        return transferEncodings > 0;
    }

    long bodyLength() {
        return bodyLength;
    }

    /**
     * Netty marks the head failed for size limits and for most framing errors; the framing ones
     * are told apart by looking at the header fields it did parse.
     */
    private RejectReason decoderFailure(HttpRequest request) {
        Throwable cause = request.decoderResult().cause();
        if (cause instanceof TooLongHttpLineException) {
            return RejectReason.REQUEST_LINE_TOO_LONG;
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return RejectReason.HEADER_TOO_LARGE;
        }
        collect(request.headers());
        RejectReason framing = checkFraming(request.protocolVersion());
        return framing != null ? framing : RejectReason.MALFORMED;
    }

    private static RejectReason checkMethod(HttpMethod method) {
        return switch (method.name()) {
            case "GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "TRACE", "PATCH" -> null;
            case "CONNECT" -> RejectReason.CONNECT_NOT_SUPPORTED;
            default -> RejectReason.BAD_METHOD;
        };
    }

    /** Origin-form, {@code *} for OPTIONS, or absolute-form {@code http://authority...}. */
    private static RejectReason checkTarget(HttpMethod method, String uri) {
        if (uri.startsWith("/")) {
            return null;
        }
        if (uri.equals("*")) {
            return HttpMethod.OPTIONS.equals(method) ? null : RejectReason.BAD_REQUEST_TARGET;
        }
        boolean absolute = uri.regionMatches(true, 0, "http://", 0, 7) && uri.length() > 7 && uri.charAt(7) != '/';
        return absolute ? null : RejectReason.BAD_REQUEST_TARGET;
    }

    private void collect(HttpHeaders headers) {
        hosts = 0;
        contentLengths = 0;
        transferEncodings = 0;
        host = null;
        contentLength = null;
        transferEncoding = null;
        upgrade = false;
        for (Iterator<Map.Entry<CharSequence, CharSequence>> it = headers.iteratorCharSequence(); it.hasNext();) {
            Map.Entry<CharSequence, CharSequence> field = it.next();
            CharSequence name = field.getKey();
            if (is(HttpHeaderNames.HOST, name)) {
                hosts++;
                host = field.getValue();
            } else if (is(HttpHeaderNames.CONTENT_LENGTH, name)) {
                contentLengths++;
                contentLength = field.getValue();
            } else if (is(HttpHeaderNames.TRANSFER_ENCODING, name)) {
                transferEncodings++;
                transferEncoding = field.getValue();
            } else if (is(HttpHeaderNames.UPGRADE, name)) {
                // An h2c upgrade offer may be ignored (RFC 9110 7.8): the request is served as
                // HTTP/1.1 and the offer dropped with the hop-by-hop headers. Others get 501.
                upgrade |= !is(H2C, field.getValue());
            }
        }
    }

    private static final AsciiString H2C = AsciiString.cached("h2c");

    private static boolean is(AsciiString known, CharSequence name) {
        return name.length() == known.length() && known.contentEqualsIgnoreCase(name);
    }

    private RejectReason checkFraming(HttpVersion version) {
        if (transferEncodings > 0) {
            if (version.minorVersion() == 0) {
                return RejectReason.BAD_TRANSFER_ENCODING;
            }
            if (contentLengths > 0) {
                return RejectReason.CL_AND_TE;
            }
            boolean chunkedOnly = transferEncodings == 1 && HttpHeaderValues.CHUNKED.contentEqualsIgnoreCase(transferEncoding);
            return chunkedOnly ? null : RejectReason.BAD_TRANSFER_ENCODING;
        }
        if (contentLengths == 0) {
            bodyLength = 0;
            return null;
        }
        bodyLength = contentLengths == 1 ? parseLength(contentLength) : -1;
        return bodyLength < 0 ? RejectReason.BAD_CONTENT_LENGTH : null;
    }

    /** 1 to 18 ASCII digits and nothing else; -1 otherwise. */
    private static long parseLength(CharSequence value) {
        int length = value.length();
        if (length == 0 || length > MAX_CONTENT_LENGTH_DIGITS) {
            return -1;
        }
        long result = 0;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            result = result * 10 + (c - '0');
        }
        return result;
    }

    /** HTTP/1.1 needs exactly one valid Host; HTTP/1.0 may omit it. */
    private RejectReason checkHost(HttpVersion version) {
        if (hosts > 1 || hosts == 0 && version.minorVersion() == 1) {
            return RejectReason.BAD_HOST;
        }
        return hosts == 0 || HostSyntax.isValid(host) ? null : RejectReason.BAD_HOST;
    }
}
