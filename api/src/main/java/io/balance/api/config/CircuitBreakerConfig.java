package io.balance.api.config;

import java.time.Duration;

/**
 * {@code resilience.circuit_breaker}: per backend. Opens after {@code max_failures} consecutive
 * failures, stays open for {@code timeout}, then lets {@code half_open_requests} trial requests
 * through; all of them succeeding closes it, any failing opens it again.
 */
public record CircuitBreakerConfig(Boolean enabled, Integer maxFailures, Duration timeout, Integer halfOpenRequests) {

    public CircuitBreakerConfig {
        enabled = enabled == null || enabled;
        maxFailures = maxFailures == null ? 5 : maxFailures;
        timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
        halfOpenRequests = halfOpenRequests == null ? 1 : halfOpenRequests;
    }

    public static CircuitBreakerConfig defaults() {
        return new CircuitBreakerConfig(null, null, null, null);
    }
}
