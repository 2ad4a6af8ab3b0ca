package io.balance.operator.dependent;

import io.balance.operator.crd.BalanceProxy;
import io.balance.operator.model.Labels;
import io.balance.operator.model.Names;
import io.balance.operator.model.ServiceModel;
import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The traffic Service (traffic port only). */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR))
public class ServiceDependent extends OwnedDependent<Service> {
    public static final String NAME = "service";

    public ServiceDependent() {
        super(Service.class);
    }

    @Override
    String objectName(BalanceProxy primary) {
        return Names.service(primary);
    }

    @Override
    protected Service desired(BalanceProxy primary, Context<BalanceProxy> context) {
        return ServiceModel.build(primary);
    }
}
