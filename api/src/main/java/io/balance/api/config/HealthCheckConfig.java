package io.balance.api.config;

import java.time.Duration;

/**
 * {@code health_check}: active probes plus {@code passive_checks}. {@code expected_status} is a
 * status or range list such as {@code "200-399"} or {@code "200,204"}. A backend turns unhealthy
 * after {@code unhealthy_threshold} failed probes and healthy again after
 * {@code healthy_threshold} good ones. Probes are spread by up to {@code jitter} of the interval.
 * With fewer than {@code panic_threshold} percent of backends eligible, traffic spreads over all
 * of them (panic mode).
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

    public HealthCheckConfig {
        enabled = enabled == null || enabled;
        type = type == null ? HealthCheckType.TCP : type;
        interval = interval == null ? Duration.ofSeconds(10) : interval;
        timeout = timeout == null ? Duration.ofSeconds(2) : timeout;
        path = path == null ? "/health" : path;
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
