package io.balance.api.validation;

import static io.balance.api.validation.Validate.assertClean;
import static io.balance.api.validation.Validate.errors;
import static io.balance.api.validation.Validate.warnings;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnsupportedFeaturesRuleTest {

    @Test
    void tlsTerminationIsRejectedNotIgnored() {
        assertThat(errors("tls: {enabled: true, cert_file: cert.pem, key_file: key.pem}")).containsExactly(
                "tls.enabled: TLS termination is not supported yet; terminate TLS in front of Balance for now");
    }

    @Test
    void websocketIsRejected() {
        assertThat(errors("http: {websocket: true}")).containsExactly(
                "http.websocket: WebSocket proxying is not supported yet (Upgrade requests get 501)");
    }

    @Test
    void http2IsRejected() {
        assertThat(errors("http: {http2: true}")).containsExactly(
                "http.http2: HTTP/2 is not supported yet; Balance speaks HTTP/1.1 to clients and backends");
    }

    @Test
    void routesAreRejected() {
        assertThat(errors("http: {routes: [{name: api, path_prefix: /v1/, backends: [api-1]}]}")).containsExactly(
                "http.routes: routing rules are not supported yet; every request goes to the backends list");
    }

    @Test
    void rateLimitIsRejected() {
        assertThat(errors("rate_limit: {requests_per_second: 100}")).containsExactly(
                "rate_limit: rate limiting is not supported yet");
    }

    @Test
    void accessLogIsRejected() {
        assertThat(errors("access_log: {path: /var/log/balance.log}")).containsExactly(
                "access_log: access logs are not supported yet");
        assertThat(errors("access_log: true")).containsExactly(
                "access_log: access logs are not supported yet");
    }

    @Test
    void proxyProtocolIsRejected() {
        assertThat(errors("proxy_protocol: true")).containsExactly(
                "proxy_protocol: the PROXY protocol is not supported yet");
    }

    @Test
    void allUnsupportedFeaturesAreReportedTogether() {
        assertThat(errors("""
                tls: {enabled: true}
                http: {websocket: true, http2: true, routes: [{name: a}]}
                rate_limit: {requests_per_second: 1}
                access_log: {enabled: true}
                proxy_protocol: {version: 2}
                """)).hasSize(7).allSatisfy(line -> assertThat(line).containsPattern(" (is|are) not supported yet"));
    }

    @Test
    void switchedOffFeaturesAreAccepted() {
        assertClean("""
                tls: {enabled: false, cert_file: cert.pem, key_file: key.pem, min_version: "1.2"}
                http: {websocket: false, http2: false, routes: []}
                rate_limit: {enabled: false, requests_per_second: 100}
                access_log: false
                proxy_protocol: ~
                """);
    }

    @Test
    void passiveErrorRateInTcpModeWarnsThatOnlyConnectFailuresCount() {
        assertThat(warnings("mode: tcp\nhealth_check: {passive_checks: {error_rate: 0.5}}")).containsExactly(
                "health_check.passive_checks.error_rate: tcp mode sees no status codes; only connect failures count");
        assertThat(errors("mode: tcp\nhealth_check: {passive_checks: {error_rate: 0.5}}")).isEmpty();
        assertClean("mode: http\nhealth_check: {passive_checks: {error_rate: 0.5}}");
    }
}
