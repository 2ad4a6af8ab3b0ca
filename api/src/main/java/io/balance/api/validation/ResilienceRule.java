package io.balance.api.validation;

import io.balance.api.config.CircuitBreakerConfig;
import io.balance.api.config.GoDuration;
import io.balance.api.config.LimitsConfig;
import io.balance.api.config.ProxyConfig;
import io.balance.api.config.RetryConfig;
import java.util.List;

/** Circuit breaker, retry and per-backend limit settings. */
final class ResilienceRule implements Rule {
    private static final FieldPath BASE = FieldPath.of("resilience");

    @Override
    public void check(ProxyConfig config, Problems problems) {
        CircuitBreakerConfig cb = config.resilience().circuitBreaker();
        FieldPath cbPath = BASE.field("circuitBreaker");
        Checks.range(problems, cbPath.field("maxFailures"), cb.maxFailures(), 1, 100_000);
        Checks.positive(problems, cbPath.field("timeout"), cb.timeout());
        Checks.range(problems, cbPath.field("maxConcurrentRequests"), cb.maxConcurrentRequests(), 1, 1000);

        RetryConfig retry = config.resilience().retry();
        FieldPath retryPath = BASE.field("retry");
        Checks.range(problems, retryPath.field("maxAttempts"), retry.maxAttempts(), 1, 10);
        Checks.positive(problems, retryPath.field("initialDelay"), retry.initialDelay());
        Checks.positive(problems, retryPath.field("maxDelay"), retry.maxDelay());
        if (Checks.isPositive(retry.maxDelay()) && retry.maxDelay().compareTo(retry.initialDelay()) < 0) {
            problems.error(retryPath.field("maxDelay"), "must be at least initial_delay ("
                    + GoDuration.format(retry.initialDelay()) + "); got " + GoDuration.format(retry.maxDelay()));
        }
        Checks.range(problems, retryPath.field("multiplier"), retry.multiplier(), 1.0, 10.0);
        Checks.range(problems, retryPath.field("jitter"), retry.jitter(), 0.0, 1.0);
        List<Integer> codes = retry.retryOn();
        for (int i = 0; i < codes.size(); i++) {
            Integer code = codes.get(i);
            if (code == null) {
                problems.error(retryPath.field("retryOn").index(i), "empty entry; list 5xx status codes such as 502");
            } else if (code < 500 || code > 599) {
                problems.error(retryPath.field("retryOn").index(i), "only 5xx status codes can be retried; got " + code);
            }
        }
        Checks.range(problems, retryPath.field("budgetPercent"), retry.budgetPercent(), 0, 100);
        Checks.range(problems, retryPath.field("minRetries"), retry.minRetries(), 0, 100_000);

        LimitsConfig limits = config.resilience().limits();
        FieldPath limitsPath = BASE.field("limits");
        Checks.range(problems, limitsPath.field("maxConnections"), limits.maxConnections(), 1, 1_000_000);
        Checks.range(problems, limitsPath.field("maxPendingRequests"), limits.maxPendingRequests(), 1, 1_000_000);
        Checks.range(problems, limitsPath.field("maxRequests"), limits.maxRequests(), 1, 1_000_000);
    }
}
