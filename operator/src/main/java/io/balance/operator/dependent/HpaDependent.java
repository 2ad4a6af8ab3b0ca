package io.balance.operator.dependent;

import io.balance.operator.cluster.ApiServedCondition;
import io.balance.operator.cluster.OptionalApi;
import io.balance.operator.crd.BalanceProxy;
import io.balance.operator.model.HpaModel;
import io.balance.operator.model.Labels;
import io.balance.operator.model.Names;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/** The HPA, only while {@code spec.autoscaling} is set (removing it deletes the HPA). */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR))
public class HpaDependent extends OwnedDependent<HorizontalPodAutoscaler> {
    public static final String NAME = "hpa";

    public HpaDependent() {
        super(HorizontalPodAutoscaler.class);
    }

    @Override
    String objectName(BalanceProxy primary) {
        return Names.hpa(primary);
    }

    @Override
    protected HorizontalPodAutoscaler desired(BalanceProxy primary, Context<BalanceProxy> context) {
        return HpaModel.build(primary);
    }

    /** Reconcile precondition: autoscaling is asked for. */
    public static class Requested implements Condition<HorizontalPodAutoscaler, BalanceProxy> {
        @Override
        public boolean isMet(DependentResource<HorizontalPodAutoscaler, BalanceProxy> dependent, BalanceProxy primary,
                Context<BalanceProxy> context) {
            return primary.getSpec().autoscaling() != null;
        }
    }

    /** Activation condition: the cluster serves autoscaling/v2. */
    public static class ApiServed extends ApiServedCondition<HorizontalPodAutoscaler> {
        public ApiServed() {
            super(OptionalApi.AUTOSCALING_V2);
        }
    }
}
