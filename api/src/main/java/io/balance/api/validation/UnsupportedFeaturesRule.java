package io.balance.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.balance.api.config.Mode;
import io.balance.api.config.ProxyConfig;

/**
 * Features of a later release. They are rejected, never accepted and ignored: the original
 * served plain HTTP under {@code tls.enabled: true}. A section that is switched off
 * ({@code false}, empty, or {@code enabled: false}) asks for nothing and is accepted.
 */
final class UnsupportedFeaturesRule implements Rule {
    private static final String IS_LATER = " is not supported yet";
    private static final String ARE_LATER = " are not supported yet";

    @Override
    public void check(ProxyConfig config, Problems problems) {
        if (config.tls().enabled()) {
            problems.error(FieldPath.of("tls", "enabled"), "TLS termination" + IS_LATER + "; terminate TLS in front of Balance for now");
        }
        if (config.http().websocket()) {
            problems.error(FieldPath.of("http", "websocket"), "WebSocket proxying" + IS_LATER + " (Upgrade requests get 501)");
        }
        if (config.http().http2()) {
            problems.error(FieldPath.of("http", "http2"), "HTTP/2" + IS_LATER + "; Balance speaks HTTP/1.1 to clients and backends");
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
        if (config.mode() == Mode.TCP && config.healthCheck().passiveChecks().errorRate() > 0) {
            problems.warning(FieldPath.of("healthCheck", "passiveChecks", "errorRate"), "tcp mode sees no status codes; only connect failures count");
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
