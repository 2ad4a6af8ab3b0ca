package io.balance.api.config;

/**
 * One backend. Legacy meanings kept: {@code weight} omitted or 0 means 1, {@code name} omitted
 * means the address, {@code max_connections} 0 means unlimited.
 */
public record BackendConfig(String name, String address, Integer weight, Integer maxConnections) {

    public BackendConfig {
        if (weight == null || weight == 0) {
            weight = 1;
        }
        if (maxConnections == null) {
            maxConnections = 0;
        }
        if ((name == null || name.isBlank()) && address != null) {
            name = address;
        }
    }

    public static BackendConfig of(String address) {
        return new BackendConfig(null, address, null, null);
    }
}
