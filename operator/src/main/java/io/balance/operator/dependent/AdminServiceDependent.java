package io.balance.operator.dependent;

import io.balance.operator.crd.BalanceProxy;
import io.balance.operator.model.AdminServiceModel;
import io.balance.operator.model.Labels;
import io.balance.operator.model.Names;
import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The {@code <name>-admin} ClusterIP Service (admin port as {@code metrics}). */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR),
        createResourceOnlyIfNotExistingWithSSA = false) // see ServiceDependent
public class AdminServiceDependent extends OwnedDependent<Service> {
    public static final String NAME = "admin-service";

    public AdminServiceDependent() {
        super(Service.class);
    }

    @Override
    String objectName(BalanceProxy primary) {
        return Names.adminService(primary);
    }

    @Override
    protected Service desired(BalanceProxy primary, Context<BalanceProxy> context) {
        return AdminServiceModel.build(primary);
    }
}
