package io.balance.api.config;

/**
 * {@code tracing}: the original format's distributed tracing. Not supported yet:
 * {@code enabled: true} is rejected; a switched-off section is accepted.
 */
public record TracingConfig(Boolean enabled, String serviceName, String endpoint, Double sampleRate) {

    public TracingConfig {
        enabled = enabled != null && enabled;
    }

    public static TracingConfig defaults() {
        return new TracingConfig(null, null, null, null);
    }
}
