package io.balance.api.config;

import java.time.Duration;
import java.util.List;

/**
 * {@code resilience.retry}. {@code max_attempts} counts all attempts (1 = no retry). Retries go
 * to another backend when one exists. Before retry {@code n} (1 for the first retry) Balance
 * waits {@code min(initial_delay * multiplier^(n-1), max_delay)}, moved up or down at random by
 * at most {@code jitter} times that delay (0.2: anywhere from 80% to 120%). {@code retry_on}
 * lists the 5xx codes that are retried for idempotent methods. Retries in flight are capped at
 * {@code budget_percent} of active requests, but at least {@code min_retries}.
 */
public record RetryConfig(
        Boolean enabled,
        Integer maxAttempts,
        Duration initialDelay,
        Duration maxDelay,
        Double multiplier,
        Double jitter,
        List<Integer> retryOn,
        Integer budgetPercent,
        Integer minRetries) {

    public RetryConfig {
        enabled = enabled == null || enabled;
        maxAttempts = maxAttempts == null ? 3 : maxAttempts;
        initialDelay = initialDelay == null ? Duration.ofMillis(25) : initialDelay;
        maxDelay = maxDelay == null ? Duration.ofMillis(250) : maxDelay;
        multiplier = multiplier == null ? 2.0 : multiplier;
        jitter = jitter == null ? 0.2 : jitter;
        retryOn = retryOn == null ? List.of(502, 503, 504) : Lists.copyOf(retryOn);
        budgetPercent = budgetPercent == null ? 20 : budgetPercent;
        minRetries = minRetries == null ? 3 : minRetries;
    }

    public static RetryConfig defaults() {
        return new RetryConfig(null, null, null, null, null, null, null, null, null);
    }
}
