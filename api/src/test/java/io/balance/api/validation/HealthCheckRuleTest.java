package io.balance.api.validation;

import static io.balance.api.validation.Validate.assertClean;
import static io.balance.api.validation.Validate.errors;
import static io.balance.api.validation.Validate.warnings;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HealthCheckRuleTest {

    @Test
    void intervalMustBePositive() {
        assertThat(errors("health_check: {interval: 0s}")).containsExactly(
                "health_check.interval: must be a positive duration, e.g. 5s; got 0s");
    }

    @Test
    void timeoutMustBePositive() {
        assertThat(errors("health_check: {timeout: -1s}")).containsExactly(
                "health_check.timeout: must be a positive duration, e.g. 5s; got -1s");
    }

    @Test
    void timeoutMustNotExceedInterval() {
        assertThat(errors("health_check: {interval: 1s, timeout: 1500ms}")).containsExactly(
                "health_check.timeout: must not exceed interval (1s); a probe would still run when the next one starts");
    }

    @Test
    void theDefaultTimeoutNeverExceedsAShortInterval() {
        assertClean("health_check: {enabled: true, interval: 2s}");
        assertClean("health_check: {enabled: true, interval: 500ms}");
        assertThat(errors("health_check: {interval: 2s, timeout: 3s}")).containsExactly(
                "health_check.timeout: must not exceed interval (2s); a probe would still run when the next one starts");
    }

    @Test
    void thresholdsMustBeInRange() {
        assertThat(errors("health_check: {healthy_threshold: 0, unhealthy_threshold: 101}")).containsExactly(
                "health_check.healthy_threshold: must be between 1 and 100; got 0",
                "health_check.unhealthy_threshold: must be between 1 and 100; got 101");
    }

    @Test
    void jitterIsAtMostHalfTheInterval() {
        assertThat(errors("health_check: {jitter: 0.6}")).containsExactly(
                "health_check.jitter: must be between 0.0 and 0.5; got 0.6");
        assertThat(errors("health_check: {jitter: -0.1}")).containsExactly(
                "health_check.jitter: must be between 0.0 and 0.5; got -0.1");
    }

    @Test
    void panicThresholdIsAPercentage() {
        assertThat(errors("health_check: {panic_threshold: 101}")).containsExactly(
                "health_check.panic_threshold: must be between 0 and 100; got 101");
    }

    @Test
    void aPathOnTcpProbesIsFlaggedAsUnused() {
        assertThat(warnings("health_check: {enabled: true, path: /ping}")).containsExactly(
                "health_check.path: has no effect with tcp probes, which only connect; set type: http to probe /ping");
        assertThat(warnings("health_check: {enabled: true, type: http, path: /ping}")).isEmpty();
        assertThat(warnings("health_check: {enabled: true}")).isEmpty();
    }

    @Test
    void httpProbePathMustStartWithSlash() {
        assertThat(errors("health_check: {type: http, path: healthz}")).containsExactly(
                "health_check.path: must start with /; got \"healthz\"");
    }

    @Test
    void httpProbePathMustNotContainSpaces() {
        assertThat(errors("health_check: {type: https, path: \"/health check\"}")).containsExactly(
                "health_check.path: must not contain spaces or control characters");
    }

    @Test
    void expectedStatusMustBeAStatusList() {
        assertThat(errors("health_check: {type: http, expected_status: 2xx}")).containsExactly(
                "health_check.expected_status: \"2xx\" is not a status list; use codes or ranges such as 200-399 or 200,204");
        assertThat(errors("health_check: {type: http, expected_status: \"399-200\"}")).containsExactly(
                "health_check.expected_status: range 399-200 runs backwards");
    }

    @Test
    void probeHostMustBeAPlainName() {
        assertThat(errors("health_check: {type: http, host: \"api example\"}")).containsExactly(
                "health_check.host: must be a plain host name, without spaces or control characters");
    }

    @Test
    void aTypeThatFailedToMapStillHasItsHttpSettingsCheckedAndNoTcpWarning() {
        String yaml = "health_check: {enabled: true, type: HTTP, path: health, expected_status: abc, host: \"a b\"}";
        assertThat(errors(yaml)).containsExactly(
                "health_check.type: unknown health check type \"HTTP\"; valid: tcp, http, https",
                "health_check.path: must start with /; got \"health\"",
                "health_check.expected_status: \"abc\" is not a status list; use codes or ranges such as 200-399 or 200,204",
                "health_check.host: must be a plain host name, without spaces or control characters");
        assertThat(warnings(yaml)).isEmpty();
    }

    @Test
    void tcpProbesIgnoreTheHttpSettings() {
        String yaml = "health_check: {type: tcp, path: healthz, expected_status: nope, host: \"a b\"}";
        assertThat(errors(yaml)).isEmpty();
        assertThat(warnings(yaml)).containsExactly(
                "health_check.path: has no effect with tcp probes, which only connect; set type: http to probe healthz");
    }

    @Test
    void theOldPassiveKeyNamesAreUnknownAndTheValidKeysAreListed() {
        String valid = "; valid keys here: consecutive_failures, ejection_time, enabled, error_rate_min_requests,"
                + " error_rate_threshold, max_ejection_percent, max_ejection_time, window";
        assertThat(errors("health_check: {passive_checks: {error_rate: 0.5, error_rate_window: 30s}}")).containsExactly(
                "health_check.passive_checks.error_rate: unknown key \"error_rate\"" + valid,
                "health_check.passive_checks.error_rate_window: unknown key \"error_rate_window\"" + valid);
    }

    @Test
    void passiveConsecutiveFailuresMustBeInRange() {
        assertThat(errors("health_check: {passive_checks: {consecutive_failures: 0}}")).containsExactly(
                "health_check.passive_checks.consecutive_failures: must be between 1 and 1000; got 0");
    }

    @Test
    void passiveErrorRateThresholdIsAFraction() {
        assertThat(errors("mode: http\nhealth_check: {passive_checks: {error_rate_threshold: 1.5}}")).containsExactly(
                "health_check.passive_checks.error_rate_threshold: must be between 0.0 and 1.0; got 1.5");
        assertThat(errors("mode: http\nhealth_check: {passive_checks: {error_rate_threshold: -0.5}}")).containsExactly(
                "health_check.passive_checks.error_rate_threshold: must be between 0.0 and 1.0; got -0.5");
    }

    @Test
    void passiveWindowMustBePositive() {
        assertThat(errors("health_check: {passive_checks: {window: 0}}")).containsExactly(
                "health_check.passive_checks.window: must be a positive duration, e.g. 5s; got 0s");
    }

    @Test
    void passiveErrorRateMinRequestsMustBeInRange() {
        assertThat(errors("health_check: {passive_checks: {error_rate_min_requests: 0}}")).containsExactly(
                "health_check.passive_checks.error_rate_min_requests: must be between 1 and 1000000; got 0");
    }

    @Test
    void ejectionTimesMustBePositive() {
        assertThat(errors("health_check: {passive_checks: {ejection_time: 0s}}")).containsExactly(
                "health_check.passive_checks.ejection_time: must be a positive duration, e.g. 5s; got 0s");
        assertThat(errors("health_check: {passive_checks: {max_ejection_time: -1m}}")).containsExactly(
                "health_check.passive_checks.max_ejection_time: must be a positive duration, e.g. 5s; got -1m");
    }

    @Test
    void maxEjectionTimeMustCoverEjectionTime() {
        assertThat(errors("health_check: {passive_checks: {ejection_time: 1m, max_ejection_time: 30s}}")).containsExactly(
                "health_check.passive_checks.max_ejection_time: must be at least ejection_time (1m); got 30s");
    }

    @Test
    void maxEjectionPercentIsAPercentage() {
        assertThat(errors("health_check: {passive_checks: {max_ejection_percent: 101}}")).containsExactly(
                "health_check.passive_checks.max_ejection_percent: must be between 0 and 100; got 101");
    }

    @Test
    void acceptsAFullySpelledHealthCheck() {
        assertClean("""
                mode: http
                health_check:
                  enabled: true
                  type: http
                  interval: 5s
                  timeout: 5s
                  path: /healthz?full=1
                  host: api.internal
                  expected_status: "200-299,404"
                  healthy_threshold: 1
                  unhealthy_threshold: 100
                  jitter: 0.5
                  panic_threshold: 0
                  passive_checks:
                    enabled: true
                    consecutive_failures: 3
                    error_rate_threshold: 0.5
                    window: 1m
                    error_rate_min_requests: 10
                    ejection_time: 30s
                    max_ejection_time: 30s
                    max_ejection_percent: 100
                """);
    }
}
