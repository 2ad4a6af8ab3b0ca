package io.balance.api.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * {@code http}: HTTP mode limits and forwarding. {@code trusted_proxies} lists CIDRs whose
 * {@code X-Forwarded-*} headers are kept and extended; from anyone else they are overwritten.
 * {@code max_request_line} (414), {@code max_header_size} and {@code max_headers} (431) bound
 * the request head. {@code max_idle_conns_per_host} is a tuning knob of the original format,
 * accepted with a warning. {@code routes}, {@code websocket} and {@code http2} come later.
 */
public record HttpConfig(
        List<String> trustedProxies,
        Integer maxRequestLine,
        Integer maxHeaderSize,
        Integer maxHeaders,
        Integer maxIdleConnsPerHost,
        Integer maxIdleConnections,
        Boolean websocket,
        Boolean http2,
        JsonNode routes) {

    public HttpConfig {
        trustedProxies = trustedProxies == null ? List.of() : Lists.copyOf(trustedProxies);
        maxRequestLine = maxRequestLine == null ? 8192 : maxRequestLine;
        maxHeaderSize = maxHeaderSize == null ? 16384 : maxHeaderSize;
        maxHeaders = maxHeaders == null ? 100 : maxHeaders;
        maxIdleConnections = maxIdleConnections == null ? 64 : maxIdleConnections;
        websocket = websocket != null && websocket;
        http2 = http2 != null && http2;
    }

    public static HttpConfig defaults() {
        return new HttpConfig(null, null, null, null, null, null, null, null, null);
    }
}
