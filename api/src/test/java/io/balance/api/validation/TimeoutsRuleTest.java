package io.balance.api.validation;

import static io.balance.api.validation.Validate.assertClean;
import static io.balance.api.validation.Validate.errors;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TimeoutsRuleTest {

    @Test
    void everyConnectionTimeoutMustBePositive() {
        assertThat(errors("timeouts: {connect: 0s, read: 0, write: -1s, idle: -500ms}")).containsExactly(
                "timeouts.connect: must be a positive duration, e.g. 5s; got 0s",
                "timeouts.read: must be a positive duration, e.g. 5s; got 0s",
                "timeouts.write: must be a positive duration, e.g. 5s; got -1s",
                "timeouts.idle: must be a positive duration, e.g. 5s; got -500ms");
    }

    @Test
    void requestDeadlineMustNotBeNegative() {
        assertThat(errors("timeouts: {request: -1s}")).containsExactly(
                "timeouts.request: must not be negative; got -1s");
    }

    @Test
    void drainDelayMustNotBeNegative() {
        assertThat(errors("shutdown: {drain_delay: -1s}")).containsExactly(
                "shutdown.drain_delay: must not be negative; got -1s");
    }

    @Test
    void gracePeriodMustBePositive() {
        assertThat(errors("shutdown: {grace_period: 0s}")).containsExactly(
                "shutdown.grace_period: must be a positive duration, e.g. 5s; got 0s");
    }

    @Test
    void drainDelayMustLeaveTimeToFinishRequests() {
        assertThat(errors("shutdown: {drain_delay: 30s, grace_period: 30s}")).containsExactly(
                "shutdown.drain_delay: must be shorter than grace_period (30s), or in-flight requests get no time to finish; got 30s");
    }

    @Test
    void acceptsZeroRequestDeadlineAndZeroDrainDelay() {
        assertClean("timeouts: {connect: 100ms, read: 1m30s, write: 1.5s, idle: 1h, request: 0}\nshutdown: {drain_delay: 0s, grace_period: 1s}");
        assertClean("timeouts: {request: 10s}");
    }
}
