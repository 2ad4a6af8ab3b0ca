package io.balance.api.config;

import java.time.Duration;

/**
 * {@code shutdown}: on SIGTERM or a drain call readiness turns false at once; the listener keeps
 * accepting for {@code drain_delay} (while endpoint removal propagates), then closes; in-flight
 * requests get up to {@code grace_period} in all.
 */
public record ShutdownConfig(Duration drainDelay, Duration gracePeriod) {

    public ShutdownConfig {
        drainDelay = drainDelay == null ? Duration.ofSeconds(5) : drainDelay;
        gracePeriod = gracePeriod == null ? Duration.ofSeconds(30) : gracePeriod;
    }

    public static ShutdownConfig defaults() {
        return new ShutdownConfig(null, null);
    }
}
