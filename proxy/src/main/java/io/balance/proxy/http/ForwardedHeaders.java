package io.balance.proxy.http;

import io.balance.proxy.TrafficSettings;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Rewrites a request's headers for the backend: drops hop-by-hop headers (RFC 9110 7.6.1,
 * including those named in {@code Connection}) and sets {@code X-Forwarded-For/-Proto/-Host}.
 * Values from a trusted proxy are kept and extended; from anyone else they are overwritten.
 */
public final class ForwardedHeaders {
    public static final AsciiString X_FORWARDED_FOR = AsciiString.cached("x-forwarded-for");
    public static final AsciiString X_FORWARDED_PROTO = AsciiString.cached("x-forwarded-proto");
    public static final AsciiString X_FORWARDED_HOST = AsciiString.cached("x-forwarded-host");
    private static final AsciiString PROXY_CONNECTION = AsciiString.cached("proxy-connection");
    private static final AsciiString HTTP = AsciiString.cached("http");

    private ForwardedHeaders() {
    }

    public static void rewriteRequest(HttpHeaders headers, InetSocketAddress client, String clientIp, TrafficSettings settings) {
        removeHopByHop(headers);
        InetAddress address = client.getAddress();
        boolean trusted = address != null && !settings.trustedProxies().isEmpty() && settings.trusted(address);
        String existing = trusted ? headers.get(X_FORWARDED_FOR) : null;
        headers.set(X_FORWARDED_FOR, existing == null || existing.isEmpty() ? clientIp : existing + ", " + clientIp);
        if (!trusted || !headers.contains(X_FORWARDED_PROTO)) {
            headers.set(X_FORWARDED_PROTO, HTTP);
        }
        if (!trusted || !headers.contains(X_FORWARDED_HOST)) {
            String host = headers.get(HttpHeaderNames.HOST);
            if (host != null) {
                headers.set(X_FORWARDED_HOST, host);
            } else {
                headers.remove(X_FORWARDED_HOST);
            }
        }
    }

    /** Removes hop-by-hop headers; Transfer-Encoding stays because the codec re-frames by it. */
    public static void removeHopByHop(HttpHeaders headers) {
        String connection = headers.get(HttpHeaderNames.CONNECTION);
        if (connection != null) {
            int start = 0;
            while (start <= connection.length()) {
                int comma = connection.indexOf(',', start);
                int end = comma < 0 ? connection.length() : comma;
                String token = connection.substring(start, end).trim();
                if (!token.isEmpty() && !HttpHeaderNames.TRANSFER_ENCODING.contentEqualsIgnoreCase(token)) {
                    headers.remove(token);
                }
                if (comma < 0) {
                    break;
                }
                start = comma + 1;
            }
            headers.remove(HttpHeaderNames.CONNECTION);
        }
        headers.remove(HttpHeaderNames.KEEP_ALIVE);
        headers.remove(PROXY_CONNECTION);
        headers.remove(HttpHeaderNames.TE);
        headers.remove(HttpHeaderNames.TRAILER);
        headers.remove(HttpHeaderNames.UPGRADE);
        headers.remove(HttpHeaderNames.PROXY_AUTHORIZATION);
    }
}
