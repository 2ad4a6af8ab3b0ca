package io.balance.api.validation;

import io.balance.api.config.GoDuration;
import io.balance.api.config.HealthCheckConfig;
import io.balance.api.config.HealthCheckType;
import io.balance.api.config.PassiveChecksConfig;
import io.balance.api.config.ProxyConfig;
import io.balance.api.config.StatusRanges;

/** Active probes and passive outlier detection: settings that can actually work. */
final class HealthCheckRule implements Rule {
    private static final FieldPath BASE = FieldPath.of("healthCheck");

    @Override
    public void check(ProxyConfig config, Problems problems) {
        HealthCheckConfig hc = config.healthCheck();
        Checks.positive(problems, BASE.field("interval"), hc.interval());
        Checks.positive(problems, BASE.field("timeout"), hc.timeout());
        if (Checks.isPositive(hc.interval()) && hc.timeout().compareTo(hc.interval()) > 0) {
            problems.error(BASE.field("timeout"), "must not exceed interval (" + GoDuration.format(hc.interval())
                    + "); a probe would still run when the next one starts");
        }
        Checks.range(problems, BASE.field("healthyThreshold"), hc.healthyThreshold(), 1, 100);
        Checks.range(problems, BASE.field("unhealthyThreshold"), hc.unhealthyThreshold(), 1, 100);
        Checks.range(problems, BASE.field("jitter"), hc.jitter(), 0.0, 0.5);
        Checks.range(problems, BASE.field("panicThreshold"), hc.panicThreshold(), 0, 100);
        // a type that failed to map fell back to tcp: check the http settings rather than call them unused
        boolean typeUnknown = problems.failedToMap(BASE.field("type"));
        if (hc.type() == HealthCheckType.TCP && !typeUnknown && !hc.path().equals(HealthCheckConfig.DEFAULT_PATH)) {
            problems.warning(BASE.field("path"), "has no effect with tcp probes, which only connect; set type: http"
                    + " to probe " + hc.path());
        }
        if (hc.type() != HealthCheckType.TCP || typeUnknown) {
            if (!hc.path().startsWith("/")) {
                problems.error(BASE.field("path"), "must start with /; got \"" + hc.path() + "\"");
            } else if (hc.path().chars().anyMatch(c -> c <= ' ' || c >= 127)) {
                problems.error(BASE.field("path"), "must not contain spaces or control characters");
            }
            try {
                StatusRanges.parse(hc.expectedStatus());
            } catch (IllegalArgumentException e) {
                problems.error(BASE.field("expectedStatus"), e.getMessage());
            }
            if (hc.host() != null && hc.host().chars().anyMatch(c -> c <= ' ' || c >= 127)) {
                problems.error(BASE.field("host"), "must be a plain host name, without spaces or control characters");
            }
        }
        checkPassive(hc.passiveChecks(), BASE.field("passiveChecks"), problems);
    }

    private static void checkPassive(PassiveChecksConfig passive, FieldPath base, Problems problems) {
        Checks.range(problems, base.field("consecutiveFailures"), passive.consecutiveFailures(), 1, 1000);
        Checks.range(problems, base.field("errorRateThreshold"), passive.errorRateThreshold(), 0.0, 1.0);
        Checks.positive(problems, base.field("window"), passive.window());
        Checks.range(problems, base.field("errorRateMinRequests"), passive.errorRateMinRequests(), 1, 1_000_000);
        Checks.positive(problems, base.field("ejectionTime"), passive.ejectionTime());
        Checks.positive(problems, base.field("maxEjectionTime"), passive.maxEjectionTime());
        if (Checks.isPositive(passive.maxEjectionTime()) && passive.maxEjectionTime().compareTo(passive.ejectionTime()) < 0) {
            problems.error(base.field("maxEjectionTime"), "must be at least ejection_time ("
                    + GoDuration.format(passive.ejectionTime()) + "); got " + GoDuration.format(passive.maxEjectionTime()));
        }
        Checks.range(problems, base.field("maxEjectionPercent"), passive.maxEjectionPercent(), 0, 100);
    }
}
