package io.balance.api.validation;

import static io.balance.api.validation.Validate.assertClean;
import static io.balance.api.validation.Validate.errors;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResilienceRuleTest {

    @Test
    void breakerMaxFailuresMustBeInRange() {
        assertThat(errors("resilience: {circuit_breaker: {max_failures: 0}}")).containsExactly(
                "resilience.circuit_breaker.max_failures: must be between 1 and 100000; got 0");
    }

    @Test
    void breakerTimeoutMustBePositive() {
        assertThat(errors("resilience: {circuit_breaker: {timeout: 0s}}")).containsExactly(
                "resilience.circuit_breaker.timeout: must be a positive duration, e.g. 5s; got 0s");
    }

    @Test
    void breakerHalfOpenTrialSlotsMustBeInRange() {
        assertThat(errors("resilience: {circuit_breaker: {max_concurrent_requests: 1001}}")).containsExactly(
                "resilience.circuit_breaker.max_concurrent_requests: must be between 1 and 1000; got 1001");
        assertThat(errors("resilience: {circuit_breaker: {max_concurrent_requests: 0}}")).containsExactly(
                "resilience.circuit_breaker.max_concurrent_requests: must be between 1 and 1000; got 0");
    }

    @Test
    void retryMaxAttemptsCountsEveryAttempt() {
        assertThat(errors("resilience: {retry: {max_attempts: 0}}")).containsExactly(
                "resilience.retry.max_attempts: must be between 1 and 10; got 0");
        assertThat(errors("resilience: {retry: {max_attempts: 11}}")).containsExactly(
                "resilience.retry.max_attempts: must be between 1 and 10; got 11");
    }

    @Test
    void delaysMustBePositive() {
        assertThat(errors("resilience: {retry: {initial_delay: 0s}}")).containsExactly(
                "resilience.retry.initial_delay: must be a positive duration, e.g. 5s; got 0s");
        assertThat(errors("resilience: {retry: {max_delay: 0s}}")).containsExactly(
                "resilience.retry.max_delay: must be a positive duration, e.g. 5s; got 0s");
    }

    @Test
    void maxDelayMustCoverInitialDelay() {
        assertThat(errors("resilience: {retry: {initial_delay: 100ms, max_delay: 50ms}}")).containsExactly(
                "resilience.retry.max_delay: must be at least initial_delay (100ms); got 50ms");
    }

    @Test
    void multiplierMustGrowTheDelayButNotExplode() {
        assertThat(errors("resilience: {retry: {multiplier: 0.5}}")).containsExactly(
                "resilience.retry.multiplier: must be between 1.0 and 10.0; got 0.5");
        assertThat(errors("resilience: {retry: {multiplier: 10.5}}")).containsExactly(
                "resilience.retry.multiplier: must be between 1.0 and 10.0; got 10.5");
        assertClean("resilience: {retry: {multiplier: 1.0}}");
        assertClean("resilience: {retry: {multiplier: 10}}");
    }

    @Test
    void jitterIsAFractionOfTheDelay() {
        assertThat(errors("resilience: {retry: {jitter: 1.5}}")).containsExactly(
                "resilience.retry.jitter: must be between 0.0 and 1.0; got 1.5");
        assertThat(errors("resilience: {retry: {jitter: -0.1}}")).containsExactly(
                "resilience.retry.jitter: must be between 0.0 and 1.0; got -0.1");
        assertClean("resilience: {retry: {jitter: 0}}");
        assertClean("resilience: {retry: {jitter: 1.0}}");
    }

    @Test
    void theOldKeyNamesAreUnknownAndTheValidKeysAreListed() {
        assertThat(errors("resilience: {retry: {initial_backoff: 25ms}, circuit_breaker: {half_open_requests: 1}}"))
                .containsExactly(
                        "resilience.retry.initial_backoff: unknown key \"initial_backoff\"; valid keys here: budget_percent,"
                                + " enabled, initial_delay, jitter, max_attempts, max_delay, min_retries, multiplier, retry_on",
                        "resilience.circuit_breaker.half_open_requests: unknown key \"half_open_requests\";"
                                + " valid keys here: enabled, max_concurrent_requests, max_failures, timeout");
    }

    @Test
    void onlyServerErrorsCanBeRetried() {
        assertThat(errors("resilience: {retry: {retry_on: [502, 404, 600]}}")).containsExactly(
                "resilience.retry.retry_on[1]: only 5xx status codes can be retried; got 404",
                "resilience.retry.retry_on[2]: only 5xx status codes can be retried; got 600");
    }

    @Test
    void anEmptyRetryOnEntryIsReportedAtItsIndex() {
        assertThat(errors("resilience: {retry: {retry_on: [502, ~]}}")).containsExactly(
                "resilience.retry.retry_on[1]: empty entry; list 5xx status codes such as 502");
    }

    @Test
    void retryBudgetMustBeInRange() {
        assertThat(errors("resilience: {retry: {budget_percent: 101, min_retries: -1}}")).containsExactly(
                "resilience.retry.budget_percent: must be between 0 and 100; got 101",
                "resilience.retry.min_retries: must be between 0 and 100000; got -1");
    }

    @Test
    void limitsMustBeInRange() {
        assertThat(errors("resilience: {limits: {max_connections: 0, max_pending_requests: 0, max_requests: 1000001}}"))
                .containsExactly(
                        "resilience.limits.max_connections: must be between 1 and 1000000; got 0",
                        "resilience.limits.max_pending_requests: must be between 1 and 1000000; got 0",
                        "resilience.limits.max_requests: must be between 1 and 1000000; got 1000001");
    }

    @Test
    void acceptsAFullySpelledResilienceSection() {
        assertClean("""
                resilience:
                  circuit_breaker: {enabled: true, max_failures: 1, timeout: 10s, max_concurrent_requests: 1000}
                  retry:
                    enabled: true
                    max_attempts: 1
                    initial_delay: 10ms
                    max_delay: 10ms
                    multiplier: 1.5
                    jitter: 0.1
                    retry_on: [500, 599]
                    budget_percent: 0
                    min_retries: 0
                  limits: {max_connections: 1, max_pending_requests: 1000000, max_requests: 500}
                """);
        assertClean("resilience: {retry: {retry_on: []}, circuit_breaker: {enabled: false}}");
    }
}
