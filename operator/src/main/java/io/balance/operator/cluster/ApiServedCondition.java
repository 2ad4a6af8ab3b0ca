package io.balance.operator.cluster;

import io.balance.operator.crd.BalanceProxy;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/**
 * An activation condition: the dependent (and its informer) exists only while the cluster
 * serves its API. Without it the informer of a missing kind would fail at start.
 */
public abstract class ApiServedCondition<R> implements Condition<R, BalanceProxy> {
    private final OptionalApi api;

    protected ApiServedCondition(OptionalApi api) {
        this.api = api;
    }

    @Override
    public boolean isMet(DependentResource<R, BalanceProxy> dependentResource, BalanceProxy primary, Context<BalanceProxy> context) {
        return ApiCapabilities.of(context.getClient()).serves(api);
    }
}
