package io.balance.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.balance.api.config.Mode;
import io.balance.api.config.ProxyConfig;
import io.balance.api.config.SecurityConfig;

/**
 * Features of a later release. They are rejected, never accepted and ignored: the original
 * served plain HTTP under {@code tls.enabled: true}. A section that is switched off
 * ({@code false}, empty, or {@code enabled: false}) asks for nothing and is accepted. Sections
 * of the original format that have an {@code enabled} switch ({@code security.rate_limit},
 * {@code tracing}, {@code tls.backend}) were off unless it said {@code true}, and are rejected
 * only then.
 */
final class UnsupportedFeaturesRule implements Rule {
    private static final String IS_LATER = " is not supported yet";
    private static final String ARE_LATER = " are not supported yet";

    @Override
    public void check(ProxyConfig config, Problems problems) {
        if (config.tls().enabled()) {
            problems.error(FieldPath.of("tls", "enabled"), "TLS termination" + IS_LATER + "; terminate TLS in front of Balance for now");
        }
        if (config.tls().backend().enabled()) {
            problems.error(FieldPath.of("tls", "backend", "enabled"), "TLS to backends" + IS_LATER
                    + "; only health probes can use it (health_check.type: https)");
        }
        if (config.http().enableWebsocket()) {
            problems.error(FieldPath.of("http", "enableWebsocket"), "WebSocket proxying" + IS_LATER + " (Upgrade requests get 501)");
        }
        if (config.http().enableHttp2()) {
            problems.error(FieldPath.of("http", "enableHttp2"), "HTTP/2" + IS_LATER + "; Balance speaks HTTP/1.1 to clients and backends");
        }
        if (present(config.http().routes())) {
            problems.error(FieldPath.of("http", "routes"), "routing rules" + ARE_LATER + "; every request goes to the backends list");
        }
        if (present(config.rateLimit())) {
            problems.error(FieldPath.of("rateLimit"), "rate limiting" + IS_LATER);
        }
        if (present(config.accessLog())) {
            problems.error(FieldPath.of("accessLog"), "access logs" + ARE_LATER);
        }
        if (present(config.proxyProtocol())) {
            problems.error(FieldPath.of("proxyProtocol"), "the PROXY protocol" + IS_LATER);
        }
        checkSecurity(config.security(), problems);
        if (present(config.transform())) {
            problems.error(FieldPath.of("transform"), "request and response rewriting" + IS_LATER);
        }
        if (config.tracing().enabled()) {
            problems.error(FieldPath.of("tracing", "enabled"), "distributed tracing" + IS_LATER);
        }
        if (config.logging().accessLog()) {
            problems.error(FieldPath.of("logging", "accessLog"), "access logs" + ARE_LATER);
        }
        if (config.mode() == Mode.TCP && config.healthCheck().passiveChecks().errorRateThreshold() > 0) {
            problems.warning(FieldPath.of("healthCheck", "passiveChecks", "errorRateThreshold"),
                    "tcp mode sees no status codes; only connect failures count");
        }
    }

    private static void checkSecurity(SecurityConfig security, Problems problems) {
        FieldPath base = FieldPath.of("security");
        if (security.rateLimit().enabled()) {
            problems.error(base.field("rateLimit").field("enabled"), "rate limiting" + IS_LATER);
        }
        if (security.connectionProtection().asksForAny()) {
            problems.error(base.field("connectionProtection"), "per-client connection limits" + ARE_LATER
                    + "; for slow clients and large headers use timeouts.read and http.max_header_size");
        }
        if (!security.ipBlocklist().blockedIps().isEmpty() || !security.ipBlocklist().blockedCidrs().isEmpty()) {
            problems.error(base.field("ipBlocklist"), "IP blocklists" + ARE_LATER);
        }
    }

    private static boolean present(JsonNode node) {
        if (node == null || node.isNull() || (node.isBoolean() && !node.booleanValue())) {
            return false;
        }
        if (node.isContainerNode() && node.isEmpty()) {
            return false;
        }
        JsonNode enabled = node.get("enabled");
        return !(node.isObject() && enabled != null && enabled.isBoolean() && !enabled.booleanValue());
    }
}
