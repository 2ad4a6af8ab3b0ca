package io.balance.operator.validation;

import io.balance.api.validation.FieldPath;
import io.balance.api.validation.Problems;
import io.balance.operator.crd.BalanceProxySpec;

/**
 * Risky but legal choices, as warnings: a single fixed proxy pod (every restart, rollout or node
 * drain is an outage) and no active health check (a dead backend is noticed only by failing
 * client traffic).
 */
final class AvailabilityRule implements SpecRule {

    @Override
    public void check(BalanceProxySpec spec, Problems problems) {
        if (spec.autoscaling() == null && spec.replicas() != null && spec.replicas() == 1) {
            problems.warning(FieldPath.of("replicas"), "a single proxy pod: every restart, rollout or node drain"
                    + " interrupts traffic; use 2 or more");
        }
        if (spec.healthCheck() == null || Boolean.FALSE.equals(spec.healthCheck().enabled())) {
            problems.warning(FieldPath.of("healthCheck"), "no active health check: a dead backend is noticed only"
                    + " through failing client requests; add healthCheck (e.g. {type: http, path: /healthz})");
        }
    }
}
