package io.balance.operator.dependent;

import io.balance.operator.cluster.ApiServedCondition;
import io.balance.operator.cluster.OptionalApi;
import io.balance.operator.crd.BalanceProxy;
import io.balance.operator.model.Defaults;
import io.balance.operator.model.Labels;
import io.balance.operator.model.Names;
import io.balance.operator.model.ServiceMonitor;
import io.balance.operator.model.ServiceMonitorModel;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/**
 * The prometheus-operator ServiceMonitor. Active only while the cluster serves
 * monitoring.coreos.com/v1 (its informer would fail otherwise), created only when asked for.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR))
public class ServiceMonitorDependent extends OwnedDependent<ServiceMonitor> {
    public static final String NAME = "service-monitor";

    public ServiceMonitorDependent() {
        super(ServiceMonitor.class);
    }

    @Override
    String objectName(BalanceProxy primary) {
        return Names.serviceMonitor(primary);
    }

    @Override
    protected ServiceMonitor desired(BalanceProxy primary, Context<BalanceProxy> context) {
        return ServiceMonitorModel.build(primary);
    }

    /** Reconcile precondition: {@code spec.monitoring.serviceMonitor: true}. */
    public static class Requested implements Condition<ServiceMonitor, BalanceProxy> {
        @Override
        public boolean isMet(DependentResource<ServiceMonitor, BalanceProxy> dependent, BalanceProxy primary,
                Context<BalanceProxy> context) {
            return Defaults.serviceMonitorRequested(primary.getSpec());
        }
    }

    /** Activation condition: the ServiceMonitor CRD is installed. */
    public static class ApiServed extends ApiServedCondition<ServiceMonitor> {
        public ApiServed() {
            super(OptionalApi.MONITORING_V1);
        }
    }
}
