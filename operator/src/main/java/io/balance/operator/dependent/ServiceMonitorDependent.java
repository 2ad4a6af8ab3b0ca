package io.balance.operator.dependent;

import io.balance.operator.cluster.ApiServedCondition;
import io.balance.operator.cluster.OptionalApi;
import io.balance.operator.crd.BalanceProxy;
import io.balance.operator.model.Defaults;
import io.balance.operator.model.Labels;
import io.balance.operator.model.Names;
import io.balance.operator.model.ServiceMonitorModel;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.Updater;
import io.javaoperatorsdk.operator.processing.GroupVersionKind;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.GenericKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.GroupVersionKindPlural;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

/**
 * The prometheus-operator ServiceMonitor, as a generic resource (no typed model needed). Active
 * only while the cluster serves monitoring.coreos.com/v1, created only when asked for.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR))
public class ServiceMonitorDependent extends GenericKubernetesDependentResource<BalanceProxy>
        implements Creator<GenericKubernetesResource, BalanceProxy>, Updater<GenericKubernetesResource, BalanceProxy>,
        GarbageCollected<BalanceProxy> {
    public static final String NAME = "service-monitor";
    static final GroupVersionKindPlural GVK = GroupVersionKindPlural.gvkWithPlural(
            new GroupVersionKind(ServiceMonitorModel.GROUP, ServiceMonitorModel.VERSION, ServiceMonitorModel.KIND),
            ServiceMonitorModel.PLURAL);

    public ServiceMonitorDependent() {
        super(GVK);
    }

    @Override
    protected ResourceID targetSecondaryResourceID(BalanceProxy primary, Context<BalanceProxy> context) {
        return new ResourceID(Names.serviceMonitor(primary), primary.getMetadata().getNamespace());
    }

    @Override
    protected GenericKubernetesResource desired(BalanceProxy primary, Context<BalanceProxy> context) {
        return ServiceMonitorModel.build(primary);
    }

    /** Reconcile precondition: {@code spec.monitoring.serviceMonitor: true}. */
    public static class Requested implements Condition<GenericKubernetesResource, BalanceProxy> {
        @Override
        public boolean isMet(DependentResource<GenericKubernetesResource, BalanceProxy> dependent, BalanceProxy primary,
                Context<BalanceProxy> context) {
            return Defaults.serviceMonitorRequested(primary.getSpec());
        }
    }

    /** Activation condition: the ServiceMonitor CRD is installed. */
    public static class ApiServed extends ApiServedCondition<GenericKubernetesResource> {
        public ApiServed() {
            super(OptionalApi.MONITORING_V1);
        }
    }
}
