package io.balance.api.config;

/** {@code metrics}: Prometheus metrics, served on the admin listener at {@code path}. */
public record MetricsConfig(Boolean enabled, String path) {

    public MetricsConfig {
        enabled = enabled == null || enabled;
        path = path == null ? "/metrics" : path;
    }

    public static MetricsConfig defaults() {
        return new MetricsConfig(null, null);
    }
}
