package io.balance.api.config;

import java.time.Duration;
import java.util.List;

/**
 * {@code resilience.retry}. {@code max_attempts} counts all attempts (1 = no retry). Retries go
 * to another backend when one exists, after an exponential backoff with full jitter between
 * {@code initial_backoff} and {@code max_backoff}. {@code retry_on} lists the 5xx codes that are
 * retried for idempotent methods. Retries in flight are capped at {@code budget_percent} of
 * active requests, but at least {@code min_retries}.
 */
public record RetryConfig(
        Boolean enabled,
        Integer maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        List<Integer> retryOn,
        Integer budgetPercent,
        Integer minRetries) {

    public RetryConfig {
        enabled = enabled == null || enabled;
        maxAttempts = maxAttempts == null ? 3 : maxAttempts;
        initialBackoff = initialBackoff == null ? Duration.ofMillis(25) : initialBackoff;
        maxBackoff = maxBackoff == null ? Duration.ofMillis(250) : maxBackoff;
        retryOn = retryOn == null ? List.of(502, 503, 504) : Lists.copyOf(retryOn);
        budgetPercent = budgetPercent == null ? 20 : budgetPercent;
        minRetries = minRetries == null ? 3 : minRetries;
    }

    public static RetryConfig defaults() {
        return new RetryConfig(null, null, null, null, null, null, null);
    }
}
