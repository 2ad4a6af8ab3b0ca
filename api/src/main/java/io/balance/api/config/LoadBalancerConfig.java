package io.balance.api.config;

/**
 * {@code load_balancer}: the algorithm and, for the hashing ones, what to hash.
 * {@code hash_key} is {@code source-ip} or {@code header:NAME}; hashing algorithms default to
 * {@code source-ip}. {@code virtual_nodes} ring points per unit of weight;
 * {@code load_factor} caps a backend at that multiple of the mean load (bounded-consistent-hash).
 */
public record LoadBalancerConfig(Algorithm algorithm, String hashKey, Integer virtualNodes, Double loadFactor) {

    public static final int DEFAULT_VIRTUAL_NODES = 160;
    public static final double DEFAULT_LOAD_FACTOR = 1.25;

    public LoadBalancerConfig {
        if (algorithm == null) {
            algorithm = Algorithm.ROUND_ROBIN;
        }
        if (virtualNodes == null) {
            virtualNodes = DEFAULT_VIRTUAL_NODES;
        }
        if (loadFactor == null) {
            loadFactor = DEFAULT_LOAD_FACTOR;
        }
    }

    public static LoadBalancerConfig defaults() {
        return new LoadBalancerConfig(null, null, null, null);
    }

    /** The hash key in force: the configured one, or {@code source-ip}. */
    public String effectiveHashKey() {
        return hashKey == null || hashKey.isBlank() ? "source-ip" : hashKey;
    }
}
