package io.balance.operator.endpoints;

import java.time.Duration;
import java.util.Map;

/**
 * Tuning of the endpoint sync. From the environment: {@code ENDPOINTS_EMPTY_GRACE} (default
 * {@code 10s}: how long a Service must have no endpoints before an empty set is pushed over a
 * non-empty one) and {@code ENDPOINTS_STATUS_POLL} (default {@code 10s}: how often each pod's
 * {@code GET /status} is checked for a lost set). Durations are Go-style ({@code 500ms}, {@code 10s}, {@code 1m}).
 */
public record EndpointSyncSettings(Duration emptyGrace, Duration initialBackoff, Duration maxBackoff, Duration pollInterval) {
    public static final EndpointSyncSettings DEFAULTS = new EndpointSyncSettings(Duration.ofSeconds(10),
            Duration.ofMillis(200), Duration.ofSeconds(10), Duration.ofSeconds(10));

    public static EndpointSyncSettings fromEnvironment(Map<String, String> env) {
        return new EndpointSyncSettings(
                duration(env.get("ENDPOINTS_EMPTY_GRACE"), DEFAULTS.emptyGrace()),
                DEFAULTS.initialBackoff(), DEFAULTS.maxBackoff(),
                duration(env.get("ENDPOINTS_STATUS_POLL"), DEFAULTS.pollInterval()));
    }

    /** The delay before retry number {@code attempt} (1-based): doubling from the initial backoff, capped. */
    public Duration backoff(int attempt) {
        long millis = initialBackoff.toMillis() << Math.min(Math.max(attempt - 1, 0), 20);
        return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
    }

    static Duration duration(String value, Duration fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        return io.balance.api.config.GoDuration.parse(value.trim());
    }
}
