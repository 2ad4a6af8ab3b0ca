package io.balance.proxy.cli;

import io.balance.api.config.BackendConfig;
import io.balance.api.config.GoDuration;
import io.balance.api.config.HealthCheckConfig;
import io.balance.api.config.ProxyConfig;
import java.io.PrintWriter;

/** The {@code --verbose} summary: what the proxy will actually do with this config. */
final class ConfigSummary {
    private ConfigSummary() {
    }

    static void print(PrintWriter out, ProxyConfig config) {
        out.println("Configuration summary:");
        row(out, "Mode", config.mode().key());
        row(out, "Listen", config.listen());
        row(out, "Backends", config.backends().size() + (config.dynamicBackends() ? " (dynamic: filled over the admin API)" : ""));
        for (BackendConfig backend : config.backends()) {
            out.println("    - " + backend.name() + " -> " + backend.address() + " (weight " + backend.weight()
                    + (backend.maxConnections() > 0 ? ", max " + backend.maxConnections() + " connections" : "") + ")");
        }
        String hash = config.loadBalancer().algorithm().hashing() ? " (hash key " + config.loadBalancer().effectiveHashKey() + ")" : "";
        row(out, "Algorithm", config.loadBalancer().algorithm().key() + hash);
        row(out, "TLS", config.tls().enabled() ? "enabled" : "disabled");
        HealthCheckConfig hc = config.healthCheck();
        row(out, "Health checks", hc.enabled()
                ? hc.type().key() + " every " + GoDuration.format(hc.interval()) + " (timeout " + GoDuration.format(hc.timeout())
                        + (hc.type().key().equals("tcp") ? "" : ", path " + hc.path()) + ")"
                : "active checks off");
        row(out, "Passive checks", hc.passiveChecks().enabled()
                ? "eject after " + hc.passiveChecks().consecutiveFailures() + " consecutive failures" : "off");
        row(out, "Circuit breaker", config.resilience().circuitBreaker().enabled()
                ? "open after " + config.resilience().circuitBreaker().maxFailures() + " failures for "
                        + GoDuration.format(config.resilience().circuitBreaker().timeout()) : "off");
        row(out, "Retries", config.resilience().retry().enabled()
                ? "up to " + config.resilience().retry().maxAttempts() + " attempts" : "off");
        row(out, "Timeouts", "connect " + GoDuration.format(config.timeouts().connect()) + ", read " + GoDuration.format(config.timeouts().read())
                + ", write " + GoDuration.format(config.timeouts().write()) + ", idle " + GoDuration.format(config.timeouts().idle()));
        String token = config.admin().tokenFile();
        row(out, "Admin", config.admin().listen() + (token == null || token.isBlank() ? " (read-only: no token_file)" : " (token from " + token + ")"));
        row(out, "Metrics", config.metrics().enabled() ? config.metrics().path() + " on the admin listener" : "off");
    }

    private static void row(PrintWriter out, String label, String value) {
        out.printf("  %-16s %s%n", label + ":", value);
    }
}
