package io.balance.api.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * {@code tls}: client-side TLS termination, with the keys of the original format. Not supported
 * yet: {@code enabled: true} is rejected, and so is {@code backend.enabled: true} (TLS to the
 * backends). While {@code enabled} is false the other keys ({@code cert_file},
 * {@code key_file}, {@code certificates}, {@code min_version}, {@code max_version},
 * {@code cipher_suites}, {@code prefer_server_cipher_suites}, {@code session_tickets_disabled},
 * {@code client_auth}, {@code client_ca_file}, {@code alpn_protocols}, {@code sni}) are
 * accepted and have no effect, as in the original.
 */
public record TlsConfig(
        Boolean enabled,
        String certFile,
        String keyFile,
        JsonNode certificates,
        String minVersion,
        String maxVersion,
        List<String> cipherSuites,
        Boolean preferServerCipherSuites,
        Boolean sessionTicketsDisabled,
        String clientAuth,
        String clientCaFile,
        List<String> alpnProtocols,
        BackendTls backend,
        JsonNode sni) {

    public TlsConfig {
        enabled = enabled != null && enabled;
        cipherSuites = cipherSuites == null ? null : Lists.copyOf(cipherSuites);
        alpnProtocols = alpnProtocols == null ? null : Lists.copyOf(alpnProtocols);
        backend = backend == null ? BackendTls.defaults() : backend;
    }

    public static TlsConfig defaults() {
        return new TlsConfig(null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** {@code tls.backend}: TLS from Balance to the backends. Not supported yet. */
    public record BackendTls(Boolean enabled, Boolean insecureSkipVerify, String caFile, String clientCertFile,
            String clientKeyFile) {

        public BackendTls {
            enabled = enabled != null && enabled;
        }

        public static BackendTls defaults() {
            return new BackendTls(null, null, null, null, null);
        }
    }
}
