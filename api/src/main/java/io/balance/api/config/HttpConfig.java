package io.balance.api.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;

/**
 * {@code http}: HTTP mode limits, forwarding and the backend connection pool.
 * {@code trusted_proxies} lists CIDRs whose {@code X-Forwarded-*} headers are kept and
 * extended; from anyone else they are overwritten. {@code max_request_line} (414),
 * {@code max_header_size} and {@code max_headers} (431) bound the request head.
 * {@code max_idle_conns_per_host} is the most idle keep-alive connections kept per backend and
 * event loop; {@code idle_conn_timeout} is how long such an idle pooled connection is kept.
 * {@code routes}, {@code enable_websocket} and {@code enable_http2} come in a later release and
 * are rejected when asked for. Unlike the Go original, a missing {@code http} section does not
 * switch WebSocket and HTTP/2 on: both default to false.
 */
public record HttpConfig(
        List<String> trustedProxies,
        Integer maxRequestLine,
        Integer maxHeaderSize,
        Integer maxHeaders,
        Integer maxIdleConnsPerHost,
        Duration idleConnTimeout,
        Boolean enableWebsocket,
        Boolean enableHttp2,
        JsonNode routes) {

    public static final int DEFAULT_MAX_IDLE_CONNS_PER_HOST = 100;
    public static final Duration DEFAULT_IDLE_CONN_TIMEOUT = Duration.ofSeconds(90);

    public HttpConfig {
        trustedProxies = trustedProxies == null ? List.of() : Lists.copyOf(trustedProxies);
        maxRequestLine = maxRequestLine == null ? 8192 : maxRequestLine;
        maxHeaderSize = maxHeaderSize == null ? 16384 : maxHeaderSize;
        maxHeaders = maxHeaders == null ? 100 : maxHeaders;
        maxIdleConnsPerHost = maxIdleConnsPerHost == null ? DEFAULT_MAX_IDLE_CONNS_PER_HOST : maxIdleConnsPerHost;
        idleConnTimeout = idleConnTimeout == null ? DEFAULT_IDLE_CONN_TIMEOUT : idleConnTimeout;
        enableWebsocket = enableWebsocket != null && enableWebsocket;
        enableHttp2 = enableHttp2 != null && enableHttp2;
    }

    public static HttpConfig defaults() {
        return new HttpConfig(null, null, null, null, null, null, null, null, null);
    }
}
