package io.balance.api.validation;

import io.balance.api.config.Mode;
import io.balance.api.config.ProxyConfig;

/**
 * Features of a later release. They are rejected, never accepted and ignored: the original
 * served plain HTTP under {@code tls.enabled: true}.
 */
final class UnsupportedFeaturesRule implements Rule {
    private static final String LATER = "is not supported yet";

    @Override
    public void check(ProxyConfig config, Problems problems) {
        if (config.tls().enabled()) {
            problems.error(FieldPath.of("tls", "enabled"), "TLS termination " + LATER + "; terminate TLS in front of Balance for now");
        }
        if (config.http().websocket()) {
            problems.error(FieldPath.of("http", "websocket"), "WebSocket proxying " + LATER + " (Upgrade requests get 501)");
        }
        if (config.http().http2()) {
            problems.error(FieldPath.of("http", "http2"), "HTTP/2 " + LATER);
        }
        if (present(config.http().routes())) {
            problems.error(FieldPath.of("http", "routes"), "routing rules " + LATER);
        }
        if (present(config.rateLimit())) {
            problems.error(FieldPath.of("rateLimit"), "rate limiting " + LATER);
        }
        if (present(config.accessLog())) {
            problems.error(FieldPath.of("accessLog"), "access logs " + LATER);
        }
        if (present(config.proxyProtocol())) {
            problems.error(FieldPath.of("proxyProtocol"), "the PROXY protocol " + LATER);
        }
        if (config.mode() == Mode.TCP && config.healthCheck().passiveChecks().errorRate() > 0) {
            problems.warning(FieldPath.of("healthCheck", "passiveChecks", "errorRate"), "tcp mode sees no status codes; only connect failures count");
        }
    }

    private static boolean present(com.fasterxml.jackson.databind.JsonNode node) {
        return node != null && !node.isNull() && !(node.isBoolean() && !node.booleanValue())
                && !(node.isContainerNode() && node.isEmpty());
    }
}
