package io.balance.api.config;

import java.time.Duration;

/**
 * {@code load_balancer}: the algorithm and, for the hashing ones, what to hash.
 * {@code hash_key} is {@code source-ip} or {@code header:NAME}; hashing algorithms default to
 * {@code source-ip}. {@code virtual_nodes} ring points per unit of weight;
 * {@code load_factor} caps a backend at that multiple of the mean load (bounded-consistent-hash).
 * {@code slow_start_window}: a backend that joins the set or recovers ramps its share of picks
 * up over this window; 0 turns slow start off.
 */
public record LoadBalancerConfig(Algorithm algorithm, String hashKey, Integer virtualNodes, Double loadFactor,
        Duration slowStartWindow) {

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
        if (slowStartWindow == null) {
            slowStartWindow = Duration.ZERO;
        }
    }

    public LoadBalancerConfig(Algorithm algorithm, String hashKey, Integer virtualNodes, Double loadFactor) {
        this(algorithm, hashKey, virtualNodes, loadFactor, null);
    }

    public static LoadBalancerConfig defaults() {
        return new LoadBalancerConfig(null, null, null, null, null);
    }

    /** The hash key in force: the configured one, or {@code source-ip}. */
    public String effectiveHashKey() {
        return hashKey == null || hashKey.isBlank() ? "source-ip" : hashKey;
    }
}
