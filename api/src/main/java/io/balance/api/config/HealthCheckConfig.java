package io.balance.api.config;

import java.time.Duration;

/**
 * {@code health_check}: active probes plus {@code passive_checks}. Active probes run only with
 * {@code enabled: true} (off when omitted, as in the original format); passive checks have
 * their own switch. {@code timeout} defaults to 3s, or to {@code interval} when that is
 * shorter. {@code expected_status} is a status or range list such as {@code "200-399"} or
 * {@code "200,204"}. A backend turns unhealthy after {@code unhealthy_threshold} failed probes
 * and healthy again after {@code healthy_threshold} good ones. Probes are spread by up to
 * {@code jitter} of the interval. With fewer than {@code panic_threshold} percent of backends
 * eligible, traffic spreads over all of them (panic mode).
 */
public record HealthCheckConfig(
        Boolean enabled,
        HealthCheckType type,
        Duration interval,
        Duration timeout,
        String path,
        String host,
        String expectedStatus,
        Integer healthyThreshold,
        Integer unhealthyThreshold,
        Double jitter,
        Integer panicThreshold,
        PassiveChecksConfig passiveChecks) {
    public static final String DEFAULT_PATH = "/health";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);

    public HealthCheckConfig {
        enabled = enabled != null && enabled;
        type = type == null ? HealthCheckType.TCP : type;
        interval = interval == null ? Duration.ofSeconds(10) : interval;
        if (timeout == null) {
            // 3s as in the original, but never longer than a shorter interval: an old file with
            // "interval: 2s" and no timeout still loads
            timeout = interval.isNegative() || interval.isZero() || interval.compareTo(DEFAULT_TIMEOUT) >= 0 ? DEFAULT_TIMEOUT : interval;
        }
        path = path == null ? DEFAULT_PATH : path;
        expectedStatus = expectedStatus == null ? "200-399" : expectedStatus;
        healthyThreshold = healthyThreshold == null ? 2 : healthyThreshold;
        unhealthyThreshold = unhealthyThreshold == null ? 3 : unhealthyThreshold;
        jitter = jitter == null ? 0.1 : jitter;
        panicThreshold = panicThreshold == null ? 50 : panicThreshold;
        passiveChecks = passiveChecks == null ? PassiveChecksConfig.defaults() : passiveChecks;
    }

    public static HealthCheckConfig defaults() {
        return new HealthCheckConfig(null, null, null, null, null, null, null, null, null, null, null, null);
    }
}
