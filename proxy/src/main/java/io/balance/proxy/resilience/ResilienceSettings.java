package io.balance.proxy.resilience;

import io.balance.api.config.CircuitBreakerConfig;
import io.balance.api.config.HealthCheckConfig;
import io.balance.api.config.HealthCheckType;
import io.balance.api.config.LimitsConfig;
import io.balance.api.config.PassiveChecksConfig;
import io.balance.api.config.ProxyConfig;
import io.balance.api.config.RetryConfig;
import io.balance.api.config.StatusRanges;
import java.time.Duration;
import java.util.List;

/**
 * Everything the resilience layer reads from the config, converted once per config version
 * into the units the hot path uses. This is the only class that touches the config accessors
 * of {@code health_check}, {@code resilience} and their sections, so a rename in the config
 * model changes this file and nothing else.
 */
public record ResilienceSettings(
        ActiveChecks active,
        Passive passive,
        Breaker breaker,
        Retry retry,
        Limits limits,
        int panicThresholdPercent) {

    /** The most attempts a request can make, whatever the config says (the validator allows 1-10). */
    public static final int MAX_ATTEMPTS_CAP = 10;

    public static ResilienceSettings of(ProxyConfig config) {
        HealthCheckConfig hc = config.healthCheck();
        return new ResilienceSettings(
                ActiveChecks.of(hc),
                Passive.of(hc.passiveChecks()),
                Breaker.of(config.resilience().circuitBreaker()),
                Retry.of(config.resilience().retry()),
                Limits.of(config.resilience().limits()),
                hc.panicThreshold());
    }

    /** {@code health_check}: active probes. */
    public record ActiveChecks(
            boolean enabled,
            HealthCheckType type,
            long intervalNanos,
            long timeoutNanos,
            String path,
            String host,
            StatusRanges expectedStatus,
            int healthyThreshold,
            int unhealthyThreshold,
            double jitter) {

        static ActiveChecks of(HealthCheckConfig hc) {
            return new ActiveChecks(hc.enabled(), hc.type(), hc.interval().toNanos(), hc.timeout().toNanos(), hc.path(),
                    hc.host() == null || hc.host().isBlank() ? null : hc.host(), StatusRanges.parse(hc.expectedStatus()),
                    hc.healthyThreshold(), hc.unhealthyThreshold(), hc.jitter());
        }
    }

    /** {@code health_check.passive_checks}: outlier ejection. */
    public record Passive(
            boolean enabled,
            int consecutiveFailures,
            double errorRateThreshold,
            long windowNanos,
            int errorRateMinRequests,
            long ejectionNanos,
            long maxEjectionNanos,
            int maxEjectionPercent) {

        static Passive of(PassiveChecksConfig p) {
            return new Passive(p.enabled(), p.consecutiveFailures(), p.errorRateThreshold(), p.window().toNanos(),
                    p.errorRateMinRequests(), p.ejectionTime().toNanos(), p.maxEjectionTime().toNanos(), p.maxEjectionPercent());
        }

        public boolean errorRateEnabled() {
            return errorRateThreshold > 0;
        }
    }

    /** {@code resilience.circuit_breaker}. */
    public record Breaker(boolean enabled, int maxFailures, long openNanos, int halfOpenTrials) {

        static Breaker of(CircuitBreakerConfig cb) {
            // max_concurrent_requests: the original format's name for the half-open trial slots
            return new Breaker(cb.enabled(), cb.maxFailures(), cb.timeout().toNanos(), Math.max(1, cb.maxConcurrentRequests()));
        }
    }

    /**
     * {@code resilience.retry}. {@link #maxAttempts} is already 1 when retries are disabled.
     * {@code retry_on} is kept as a bit mask over 500-599, so the check allocates nothing.
     */
    public record Retry(
            int maxAttempts,
            long initialDelayNanos,
            long maxDelayNanos,
            double multiplier,
            double jitter,
            long retryOnLow,
            long retryOnHigh,
            int budgetPercent,
            int minRetries) {

        static Retry of(RetryConfig r) {
            int attempts = r.enabled() ? Math.max(1, Math.min(MAX_ATTEMPTS_CAP, r.maxAttempts())) : 1;
            Duration initial = r.initialDelay();
            Duration max = r.maxDelay();
            long[] mask = mask(r.retryOn());
            return new Retry(attempts, initial.toNanos(), Math.max(initial.toNanos(), max.toNanos()), r.multiplier(),
                    r.jitter(), mask[0], mask[1], r.budgetPercent(), r.minRetries());
        }

        private static long[] mask(List<Integer> codes) {
            long[] mask = new long[2];
            for (Integer code : codes) {
                if (code != null && code >= 500 && code <= 599) {
                    int bit = code - 500;
                    mask[bit >> 6] |= 1L << (bit & 63);
                }
            }
            return mask;
        }

        /** Is this status in {@code retry_on}? */
        public boolean retriesStatus(int code) {
            if (code < 500 || code > 599) {
                return false;
            }
            int bit = code - 500;
            long word = bit < 64 ? retryOnLow : retryOnHigh;
            return (word & (1L << (bit & 63))) != 0;
        }
    }

    /** {@code resilience.limits}, per backend. */
    public record Limits(int maxConnections, int maxPendingRequests, int maxRequests) {

        static Limits of(LimitsConfig l) {
            return new Limits(l.maxConnections(), l.maxPendingRequests(), l.maxRequests());
        }
    }
}
