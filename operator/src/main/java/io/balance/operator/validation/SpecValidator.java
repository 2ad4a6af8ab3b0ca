package io.balance.operator.validation;

import io.balance.api.config.LoadedConfig;
import io.balance.api.validation.ConfigValidator;
import io.balance.api.validation.FieldPath;
import io.balance.api.validation.Problem;
import io.balance.api.validation.Problems;
import io.balance.operator.crd.BalanceProxy;
import io.balance.operator.model.ProxyConfigMapper;
import java.util.List;

/**
 * Validates a BalanceProxy the way the proxy validates its file: the spec is mapped onto the
 * config model and checked by the api's {@link ConfigValidator}; the Kubernetes-only fields get
 * their own rules. Paths come back relative to {@code spec}, so they render as
 * {@code spec.loadBalancer.algorithm}. Pure; the reconciler and the admission webhook share it.
 */
public final class SpecValidator {
    private final ProxyConfigMapper mapper = new ProxyConfigMapper();
    private final ConfigValidator validator = new ConfigValidator();
    private final List<SpecRule> rules = List.of(new DisruptionBudgetRule(), new TlsSecretRule(), new AvailabilityRule());

    public SpecValidation validate(BalanceProxy proxy) {
        return validate(proxy, null);
    }

    /** {@code runningMode}: the mode the pods run now, or null when there are none yet. */
    public SpecValidation validate(BalanceProxy proxy, String runningMode) {
        Problems problems = new Problems();
        if (proxy.getSpec() == null) {
            problems.error(FieldPath.ROOT, "required: a BalanceProxy needs a spec with at least a backend");
            return new SpecValidation(problems.toList(), null);
        }
        KubernetesRules.check(proxy.getSpec(), problems);
        rules.forEach(rule -> rule.check(proxy.getSpec(), problems));
        ModeChangeRule.check(proxy, runningMode, problems);
        LoadedConfig loaded = mapper.map(proxy.getSpec());
        for (Problem problem : validator.validate(loaded).problems()) {
            FieldPath specPath = SpecPaths.toSpec(problem.path());
            if (problems.toList().stream().noneMatch(p -> p.path().equals(specPath) && p.isError())) {
                problems.add(new Problem(problem.severity(), specPath, problem.message()));
            }
        }
        return new SpecValidation(problems.toList(), loaded.config());
    }
}
