package io.balance.api.validation;

import static io.balance.api.validation.Validate.assertClean;
import static io.balance.api.validation.Validate.errors;
import static io.balance.api.validation.Validate.warnings;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HttpRuleTest {

    @Test
    void trustedProxiesMustBeNetworks() {
        assertThat(errors("http: {trusted_proxies: [\"10.0.0.0/8\", \"10.0.0.300/8\", proxy.internal]}")).containsExactly(
                "http.trusted_proxies[1]: \"10.0.0.300/8\" is not an IP network; use e.g. 10.0.0.0/8 or fd00::/8",
                "http.trusted_proxies[2]: \"proxy.internal\" is not an IP network; use e.g. 10.0.0.0/8 or fd00::/8");
    }

    @Test
    void trustedProxyPrefixMustFitTheAddress() {
        assertThat(errors("http: {trusted_proxies: [\"10.0.0.0/33\", \"fd00::/129\", \"10.0.0.0/x\"]}")).containsExactly(
                "http.trusted_proxies[0]: prefix length 33 in \"10.0.0.0/33\" exceeds 32",
                "http.trusted_proxies[1]: prefix length 129 in \"fd00::/129\" exceeds 128",
                "http.trusted_proxies[2]: invalid prefix length in \"10.0.0.0/x\"");
    }

    @Test
    void anEmptyTrustedProxyEntryIsReportedAtItsIndex() {
        assertThat(errors("http: {trusted_proxies: [~]}")).containsExactly(
                "http.trusted_proxies[0]: empty entry; list networks such as 10.0.0.0/8");
    }

    @Test
    void requestHeadLimitsMustBeInRange() {
        assertThat(errors("http: {max_request_line: 255, max_header_size: 1023, max_headers: 0}")).containsExactly(
                "http.max_request_line: must be between 256 and 1048576; got 255",
                "http.max_header_size: must be between 1024 and 1048576; got 1023",
                "http.max_headers: must be between 1 and 10000; got 0");
        assertThat(errors("http: {max_request_line: 1048577, max_header_size: 1048577, max_headers: 10001}")).containsExactly(
                "http.max_request_line: must be between 256 and 1048576; got 1048577",
                "http.max_header_size: must be between 1024 and 1048576; got 1048577",
                "http.max_headers: must be between 1 and 10000; got 10001");
    }

    @Test
    void maxIdleConnsPerHostMustBeInRange() {
        assertThat(errors("http: {max_idle_conns_per_host: -1}")).containsExactly(
                "http.max_idle_conns_per_host: must be between 0 and 100000; got -1");
        assertThat(errors("http: {max_idle_conns_per_host: 100001}")).containsExactly(
                "http.max_idle_conns_per_host: must be between 0 and 100000; got 100001");
    }

    @Test
    void maxIdleConnsPerHostIsARealSettingWithoutAWarning() {
        assertClean("http: {max_idle_conns_per_host: 100}");
        assertClean("http: {max_idle_conns_per_host: 1}");
    }

    @Test
    void zeroIdleConnectionsIsLegalButWarnsThatTheOriginalReadItAsTheDefault() {
        assertThat(warnings("http: {max_idle_conns_per_host: 0}")).containsExactly(
                "http.max_idle_conns_per_host: 0 keeps no idle backend connections, so every request opens a new one;"
                        + " the original Balance read 0 as the default (100)");
        assertThat(errors("http: {max_idle_conns_per_host: 0}")).isEmpty();
    }

    @Test
    void idleConnTimeoutMustBePositive() {
        assertThat(errors("http: {idle_conn_timeout: 0s}")).containsExactly(
                "http.idle_conn_timeout: must be a positive duration, e.g. 5s; got 0s");
        assertThat(errors("http: {idle_conn_timeout: -90s}")).containsExactly(
                "http.idle_conn_timeout: must be a positive duration, e.g. 5s; got -1m30s");
    }

    @Test
    void theOldIdlePoolKeyIsUnknownAndTheValidKeysAreListed() {
        assertThat(errors("http: {max_idle_connections: 64}")).containsExactly(
                "http.max_idle_connections: unknown key \"max_idle_connections\"; valid keys here: enable_http2, enable_websocket,"
                        + " idle_conn_timeout, max_header_size, max_headers, max_idle_conns_per_host, max_request_line, routes,"
                        + " trusted_proxies");
    }

    @Test
    void acceptsAFullySpelledHttpSection() {
        assertClean("""
                http:
                  trusted_proxies: ["10.0.0.0/8", "192.168.1.7", "fd00::/8", "::1"]
                  max_request_line: 256
                  max_header_size: 1024
                  max_headers: 10000
                  max_idle_conns_per_host: 1
                  idle_conn_timeout: 5m
                  enable_websocket: false
                  enable_http2: false
                  routes: []
                """);
    }
}
