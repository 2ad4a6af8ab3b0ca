package io.balance.operator.dependent;

import io.balance.operator.cluster.ApiServedCondition;
import io.balance.operator.cluster.OptionalApi;
import io.balance.operator.crd.BalanceProxy;
import io.balance.operator.model.Labels;
import io.balance.operator.model.Names;
import io.balance.operator.model.PdbModel;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/** The PodDisruptionBudget, only while {@code spec.podDisruptionBudget} is set. */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR))
public class PdbDependent extends OwnedDependent<PodDisruptionBudget> {
    public static final String NAME = "pdb";

    public PdbDependent() {
        super(PodDisruptionBudget.class);
    }

    @Override
    String objectName(BalanceProxy primary) {
        return Names.pdb(primary);
    }

    @Override
    protected PodDisruptionBudget desired(BalanceProxy primary, Context<BalanceProxy> context) {
        return PdbModel.build(primary);
    }

    /** Reconcile precondition: a disruption budget is asked for. */
    public static class Requested implements Condition<PodDisruptionBudget, BalanceProxy> {
        @Override
        public boolean isMet(DependentResource<PodDisruptionBudget, BalanceProxy> dependent, BalanceProxy primary,
                Context<BalanceProxy> context) {
            return primary.getSpec().podDisruptionBudget() != null;
        }
    }

    /** Activation condition: the cluster serves policy/v1. */
    public static class ApiServed extends ApiServedCondition<PodDisruptionBudget> {
        public ApiServed() {
            super(OptionalApi.POLICY_V1);
        }
    }
}
