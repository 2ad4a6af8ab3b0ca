package io.balance.proxy.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.balance.api.config.HealthCheckType;
import io.balance.api.config.StatusRanges;
import io.balance.proxy.health.ActiveHealth;
import org.junit.jupiter.api.Test;

class ActiveHealthTest {
    private final ResilienceSettings.ActiveChecks checks = new ResilienceSettings.ActiveChecks(true, HealthCheckType.HTTP,
            1, 1, "/health", null, StatusRanges.parse("200"), 2, 3, 0.1);
    private final ActiveHealth health = new ActiveHealth("a");

    @Test
    void turnsUnhealthyAfterTheUnhealthyThresholdAndBackAfterTheHealthyOne() {
        assertThat(health.healthy()).as("starts healthy").isTrue();
        health.record(false, "status 503", checks);
        health.record(false, "status 503", checks);
        assertThat(health.healthy()).isTrue();
        health.record(false, "status 503", checks);
        assertThat(health.healthy()).isFalse();
        assertThat(health.reason()).contains("status 503").contains("3 in a row");
        health.record(true, "", checks);
        assertThat(health.healthy()).isFalse();
        health.record(true, "", checks);
        assertThat(health.healthy()).isTrue();
        assertThat(health.reason()).isEmpty();
    }

    @Test
    void aGoodProbeBreaksARunOfFailures() {
        health.record(false, "x", checks);
        health.record(false, "x", checks);
        health.record(true, "", checks);
        health.record(false, "x", checks);
        health.record(false, "x", checks);
        assertThat(health.healthy()).isTrue();
    }
}
