package io.balance.api.config;

/**
 * {@code resilience.limits}: per-backend caps. Past them a request is answered 503 with the
 * reason, instead of queueing without bound.
 */
public record LimitsConfig(Integer maxConnections, Integer maxPendingRequests, Integer maxRequests) {

    public static final int DEFAULT_LIMIT = 1024;

    public LimitsConfig {
        maxConnections = maxConnections == null ? DEFAULT_LIMIT : maxConnections;
        maxPendingRequests = maxPendingRequests == null ? DEFAULT_LIMIT : maxPendingRequests;
        maxRequests = maxRequests == null ? DEFAULT_LIMIT : maxRequests;
    }

    public static LimitsConfig defaults() {
        return new LimitsConfig(null, null, null);
    }
}
