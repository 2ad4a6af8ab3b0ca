package io.balance.operator.validation;

import io.balance.api.validation.FieldPath;
import io.balance.api.validation.Problems;
import io.balance.operator.crd.BalanceProxySpec;
import io.balance.operator.crd.PodDisruptionBudgetSpec;
import io.balance.operator.model.Defaults;
import io.fabric8.kubernetes.api.model.IntOrString;

/**
 * A PodDisruptionBudget against the replica floor (the fixed replica count, or the autoscaler's
 * minReplicas). One that can never allow an eviction ({@code maxUnavailable: 0},
 * {@code minAvailable: 100%}, or more pods than will ever run) is an error: node drains would
 * hang forever. One that blocks evictions while the fleet sits at its floor (e.g. replicas 1
 * with minAvailable 1) is legal and common, so it is a warning.
 */
final class DisruptionBudgetRule implements SpecRule {

    @Override
    public void check(BalanceProxySpec spec, Problems problems) {
        PodDisruptionBudgetSpec pdb = spec.podDisruptionBudget();
        if (pdb == null || (pdb.minAvailable() == null) == (pdb.maxUnavailable() == null)) {
            return; // absent, or already reported by KubernetesRules
        }
        FieldPath base = FieldPath.of("podDisruptionBudget");
        if (pdb.maxUnavailable() != null) {
            if (isZero(pdb.maxUnavailable())) {
                problems.error(base.field("maxUnavailable"), "0 blocks every voluntary eviction, so node drains never finish;"
                        + " use 1 or more (or a percentage above 0%)");
            }
            return;
        }
        IntOrString min = pdb.minAvailable();
        if (min.getStrVal() != null) {
            if ("100%".equals(min.getStrVal().trim())) {
                problems.error(base.field("minAvailable"), "100% blocks every voluntary eviction, so node drains never finish;"
                        + " use a lower percentage or maxUnavailable: 1");
            }
            return;
        }
        int wanted = min.getIntVal() == null ? 0 : min.getIntVal();
        boolean autoscaled = spec.autoscaling() != null;
        int floor = autoscaled
                ? (spec.autoscaling().minReplicas() == null ? Defaults.MIN_REPLICAS : spec.autoscaling().minReplicas())
                : Defaults.replicas(spec);
        int ceiling = autoscaled && spec.autoscaling().maxReplicas() != null ? spec.autoscaling().maxReplicas() : floor;
        if (floor == 0) {
            return; // scaled to zero: nothing to evict
        }
        String count = autoscaled ? "autoscaling.maxReplicas (" + ceiling + ")" : "replicas (" + floor + ")";
        if (wanted > ceiling) {
            problems.error(base.field("minAvailable"), "must not exceed " + count + "; got " + wanted
                    + ": no pod could ever be evicted");
        } else if (wanted >= floor) {
            String at = autoscaled ? "autoscaling.minReplicas (" + floor + ")" : "replicas (" + floor + ")";
            problems.warning(base.field("minAvailable"), wanted + " with " + at + " blocks every voluntary eviction"
                    + " (node drains wait) while the fleet runs at that size; use minAvailable " + (floor - 1)
                    + " or maxUnavailable: 1, or run more replicas");
        }
    }

    private static boolean isZero(IntOrString value) {
        if (value.getIntVal() != null) {
            return value.getIntVal() == 0;
        }
        return value.getStrVal() != null && value.getStrVal().trim().matches("0+%?");
    }
}
