package io.balance.api.config;

import java.time.Duration;

/**
 * {@code health_check.passive_checks}: outlier ejection from live traffic. A backend is ejected
 * after {@code consecutive_failures} 5xx answers or connect failures in a row, or (when
 * {@code error_rate_threshold} is above 0) when its error share over the last {@code window}
 * exceeds that threshold with at least {@code error_rate_min_requests} requests. It stays out
 * for {@code ejection_time} times its ejection count, at most {@code max_ejection_time}; never
 * more than {@code max_ejection_percent} of the pool is ejected at once.
 */
public record PassiveChecksConfig(
        Boolean enabled,
        Integer consecutiveFailures,
        Double errorRateThreshold,
        Duration window,
        Integer errorRateMinRequests,
        Duration ejectionTime,
        Duration maxEjectionTime,
        Integer maxEjectionPercent) {

    public PassiveChecksConfig {
        enabled = enabled == null || enabled;
        consecutiveFailures = consecutiveFailures == null ? 5 : consecutiveFailures;
        errorRateThreshold = errorRateThreshold == null ? 0.0 : errorRateThreshold;
        window = window == null ? Duration.ofMinutes(1) : window;
        errorRateMinRequests = errorRateMinRequests == null ? 20 : errorRateMinRequests;
        ejectionTime = ejectionTime == null ? Duration.ofSeconds(30) : ejectionTime;
        maxEjectionTime = maxEjectionTime == null ? Duration.ofMinutes(5) : maxEjectionTime;
        maxEjectionPercent = maxEjectionPercent == null ? 50 : maxEjectionPercent;
    }

    public static PassiveChecksConfig defaults() {
        return new PassiveChecksConfig(null, null, null, null, null, null, null, null);
    }
}
