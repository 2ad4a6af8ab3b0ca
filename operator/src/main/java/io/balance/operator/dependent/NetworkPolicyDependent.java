package io.balance.operator.dependent;

import io.balance.operator.cluster.ApiServedCondition;
import io.balance.operator.cluster.OptionalApi;
import io.balance.operator.crd.BalanceProxy;
import io.balance.operator.model.Defaults;
import io.balance.operator.model.Labels;
import io.balance.operator.model.Names;
import io.balance.operator.model.NetworkPolicyModel;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/** The NetworkPolicy guarding the admin port; on unless {@code spec.networkPolicy.enabled: false}. */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR))
public class NetworkPolicyDependent extends OwnedDependent<NetworkPolicy> {
    public static final String NAME = "network-policy";

    public NetworkPolicyDependent() {
        super(NetworkPolicy.class);
    }

    @Override
    String objectName(BalanceProxy primary) {
        return Names.networkPolicy(primary);
    }

    @Override
    protected NetworkPolicy desired(BalanceProxy primary, Context<BalanceProxy> context) {
        return NetworkPolicyModel.build(primary);
    }

    /** Reconcile precondition: not switched off. */
    public static class Enabled implements Condition<NetworkPolicy, BalanceProxy> {
        @Override
        public boolean isMet(DependentResource<NetworkPolicy, BalanceProxy> dependent, BalanceProxy primary,
                Context<BalanceProxy> context) {
            return Defaults.networkPolicyEnabled(primary.getSpec());
        }
    }

    /** Activation condition: the cluster serves networking.k8s.io/v1. */
    public static class ApiServed extends ApiServedCondition<NetworkPolicy> {
        public ApiServed() {
            super(OptionalApi.NETWORKING_V1);
        }
    }
}
