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
    void tlsToBackendsIsRejected() {
        assertThat(errors("tls: {backend: {enabled: true, ca_file: ca.pem}}")).containsExactly(
                "tls.backend.enabled: TLS to backends is not supported yet; only health probes can use it (health_check.type: https)");
    }

    @Test
    void websocketIsRejected() {
        assertThat(errors("mode: http\nhttp: {enable_websocket: true}")).containsExactly(
                "http.enable_websocket: WebSocket proxying is not supported yet (Upgrade requests get 501)");
    }

    @Test
    void http2IsRejected() {
        assertThat(errors("mode: http\nhttp: {enable_http2: true}")).containsExactly(
                "http.enable_http2: HTTP/2 is not supported yet; Balance speaks HTTP/1.1 to clients and backends");
    }

    @Test
    void theShortWebsocketAndHttp2SpellingsAreUnknownKeys() {
        assertThat(errors("http: {websocket: true, http2: true}")).containsExactly(
                "http.websocket: unknown key \"websocket\"; did you mean \"enable_websocket\"?",
                "http.http2: unknown key \"http2\"; did you mean \"enable_http2\"?");
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
    void theOriginalSecuritySectionIsRejectedPartByPart() {
        assertThat(errors("""
                security:
                  rate_limit: {enabled: true, type: token-bucket, requests_per_second: 100.0, burst_size: 200}
                  connection_protection: {max_connections_per_ip: 100, read_timeout: 10s}
                  ip_blocklist: {blocked_ips: ["192.0.2.100"], blocked_cidrs: ["203.0.113.0/24"]}
                """)).containsExactly(
                "security.rate_limit.enabled: rate limiting is not supported yet",
                "security.connection_protection: per-client connection limits are not supported yet;"
                        + " for slow clients and large headers use timeouts.read and http.max_header_size",
                "security.ip_blocklist: IP blocklists are not supported yet");
    }

    @Test
    void anyConnectionProtectionLimitAsksForIt() {
        String message = "security.connection_protection: per-client connection limits are not supported yet;"
                + " for slow clients and large headers use timeouts.read and http.max_header_size";
        assertThat(errors("security: {connection_protection: {max_connection_rate: 10.0}}")).containsExactly(message);
        assertThat(errors("security: {connection_protection: {max_request_size: 10485760}}")).containsExactly(message);
        assertThat(errors("security: {connection_protection: {max_header_size: 1048576}}")).containsExactly(message);
        assertThat(errors("security: {connection_protection: {read_timeout: 10s}}")).containsExactly(message);
    }

    @Test
    void securityPartsThatAskForNothingAreAccepted() {
        // the original ran no rate limiter without enabled: true, and 0 meant "no limit"
        assertClean("""
                security:
                  rate_limit: {type: sliding-window, window_size: 1m, max_requests: 6000}
                  connection_protection: {max_connections_per_ip: 0, max_connection_rate: 0, read_timeout: 0s}
                  ip_blocklist: {blocked_ips: [], blocked_cidrs: []}
                """);
        assertClean("security: {}");
    }

    @Test
    void aMisspelledSecurityKeyIsUnknown() {
        assertThat(errors("security: {rate_limits: {enabled: false}}")).containsExactly(
                "security.rate_limits: unknown key \"rate_limits\"; did you mean \"rate_limit\"?");
    }

    @Test
    void rewritingIsRejected() {
        assertThat(errors("transform: {strip_prefix: /api, request_headers: [{action: set, name: X-Env, value: prod}]}"))
                .containsExactly("transform: request and response rewriting is not supported yet");
    }

    @Test
    void tracingIsRejectedWhenEnabled() {
        assertThat(errors("tracing: {enabled: true, endpoint: \"http://jaeger:14268\"}")).containsExactly(
                "tracing.enabled: distributed tracing is not supported yet");
        assertClean("tracing: {enabled: false, service_name: balance-proxy, sample_rate: 1.0}");
    }

    @Test
    void theOriginalAccessLogSwitchIsRejected() {
        assertThat(errors("logging: {access_log: true}")).containsExactly(
                "logging.access_log: access logs are not supported yet");
        assertClean("logging: {access_log: false}");
    }

    @Test
    void allUnsupportedFeaturesAreReportedTogether() {
        assertThat(errors("""
                mode: http
                tls: {enabled: true, backend: {enabled: true}}
                http: {enable_websocket: true, enable_http2: true, routes: [{name: a}]}
                rate_limit: {requests_per_second: 1}
                access_log: {enabled: true}
                proxy_protocol: {version: 2}
                security:
                  rate_limit: {enabled: true}
                  connection_protection: {max_connections_per_ip: 1}
                  ip_blocklist: {blocked_ips: ["192.0.2.1"]}
                transform: {add_prefix: /v2}
                tracing: {enabled: true}
                logging: {access_log: true}
                """)).hasSize(14).allSatisfy(line -> assertThat(line).containsPattern(" (is|are) not supported yet"));
    }

    @Test
    void switchedOffFeaturesAreAccepted() {
        assertClean("""
                mode: http
                tls:
                  enabled: false
                  cert_file: cert.pem
                  key_file: key.pem
                  certificates: [{cert_file: a.crt, key_file: a.key, domains: [example.com], default: true}]
                  min_version: "1.2"
                  max_version: "1.3"
                  cipher_suites: [TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256]
                  prefer_server_cipher_suites: true
                  session_tickets_disabled: false
                  client_auth: none
                  client_ca_file: ca.crt
                  alpn_protocols: [h2, http/1.1]
                  backend: {enabled: false, insecure_skip_verify: false, ca_file: ca.pem}
                  sni: {routes: {"api.example.com": ["127.0.0.1:9001"]}}
                http: {enable_websocket: false, enable_http2: false, routes: []}
                rate_limit: {enabled: false, requests_per_second: 100}
                access_log: false
                proxy_protocol: ~
                transform: {}
                tracing: {enabled: false}
                """);
    }

    @Test
    void passiveErrorRateInTcpModeWarnsThatOnlyConnectFailuresCount() {
        assertThat(warnings("mode: tcp\nhealth_check: {passive_checks: {error_rate_threshold: 0.5}}")).containsExactly(
                "health_check.passive_checks.error_rate_threshold: tcp mode sees no status codes; only connect failures count");
        assertThat(errors("mode: tcp\nhealth_check: {passive_checks: {error_rate_threshold: 0.5}}")).isEmpty();
        assertThat(warnings("health_check: {passive_checks: {error_rate_threshold: 0.5}}")).as("no mode means tcp").hasSize(1);
        assertClean("mode: http\nhealth_check: {passive_checks: {error_rate_threshold: 0.5}}");
    }
}
