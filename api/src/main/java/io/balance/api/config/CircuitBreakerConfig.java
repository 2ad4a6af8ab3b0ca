package io.balance.api.config;

import java.time.Duration;

/**
 * {@code resilience.circuit_breaker}: one breaker per backend. It opens after
 * {@code max_failures} consecutive failures and stays open for {@code timeout}. Then it is
 * half-open: it admits up to {@code max_concurrent_requests} trial requests (the original
 * format's name for the half-open trial slots). When they all succeed the breaker closes; any
 * failure opens it again.
 */
public record CircuitBreakerConfig(Boolean enabled, Integer maxFailures, Duration timeout, Integer maxConcurrentRequests) {

    public CircuitBreakerConfig {
        enabled = enabled == null || enabled;
        maxFailures = maxFailures == null ? 5 : maxFailures;
        timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
        maxConcurrentRequests = maxConcurrentRequests == null ? 1 : maxConcurrentRequests;
    }

    public static CircuitBreakerConfig defaults() {
        return new CircuitBreakerConfig(null, null, null, null);
    }
}
