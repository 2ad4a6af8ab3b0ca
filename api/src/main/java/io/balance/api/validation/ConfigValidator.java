package io.balance.api.validation;

import io.balance.api.config.BackendConfig;
import io.balance.api.config.LoadedConfig;
import io.balance.api.config.ProxyConfig;
import java.util.List;

/**
 * Checks a whole config and returns every problem at once, each with its field path. Pure:
 * no files, no DNS, no clock; the proxy, the CLI and the operator's webhook share it.
 */
public final class ConfigValidator {
    private static final List<Rule> RULES = List.of(
            new ListenRule(),
            new BackendsRule(),
            new LoadBalancerRule(),
            new HealthCheckRule(),
            new ResilienceRule(),
            new TimeoutsRule(),
            new HttpRule(),
            new RuntimeRule(),
            new UnsupportedFeaturesRule(),
            new TuningKnobsRule());

    public ValidationResult validate(ProxyConfig config) {
        Problems problems = new Problems();
        check(config, problems);
        return new ValidationResult(problems.toList());
    }

    private static void check(ProxyConfig config, Problems problems) {
        for (Rule rule : RULES) {
            rule.check(config, problems);
        }
    }

    /**
     * Mapping problems (unknown keys, wrong types) first, then the rules' findings. A value that
     * failed to map fell back to its default, so rule findings at or inside its path would only
     * repeat the same mistake in other words (e.g. "at least one backend is required" after
     * "backends: expected a list"); they are left out. Rules whose findings depend on another
     * value (a setting "has no effect" with the default probe type) ask {@link Problems#failedToMap}.
     */
    public ValidationResult validate(LoadedConfig loaded) {
        Problems findings = Problems.afterMapping(loaded.problems());
        check(loaded.config(), findings);
        Problems problems = new Problems();
        problems.addAll(loaded.problems());
        for (Problem finding : findings.toList()) {
            if (loaded.problems().stream().noneMatch(mapping -> finding.path().isWithin(mapping.path()))) {
                problems.add(finding);
            }
        }
        return new ValidationResult(problems.toList());
    }

    /** A backend set pushed over the admin API, checked like the file's list. */
    public ValidationResult validateBackends(List<BackendConfig> backends) {
        Problems problems = new Problems();
        BackendsRule.checkList(backends, FieldPath.of("backends"), problems);
        return new ValidationResult(problems.toList());
    }
}
