package io.balance.api.config;

/** {@code tls}: client-side TLS termination. Not supported yet: {@code enabled: true} is rejected. */
public record TlsConfig(Boolean enabled, String certFile, String keyFile, String minVersion) {

    public TlsConfig {
        enabled = enabled != null && enabled;
    }

    public static TlsConfig defaults() {
        return new TlsConfig(null, null, null, null);
    }
}
