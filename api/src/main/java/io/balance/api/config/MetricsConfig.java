package io.balance.api.config;

/**
 * {@code metrics}: Prometheus metrics, served on the admin listener at {@code path}.
 * {@code listen} is the original format's separate metrics address. Balance has one admin
 * listener for metrics and the admin API: when {@code admin.listen} is not set, the admin
 * listener binds {@code metrics.listen} (so a legacy file keeps its metrics port); when both
 * are set they must name the same address. {@code listen} stays null when not given.
 */
public record MetricsConfig(Boolean enabled, String listen, String path) {

    public MetricsConfig {
        enabled = enabled == null || enabled;
        path = path == null ? "/metrics" : path;
    }

    public static MetricsConfig defaults() {
        return new MetricsConfig(null, null, null);
    }
}
