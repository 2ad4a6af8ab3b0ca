package io.balance.operator.dependent;

import io.balance.operator.crd.BalanceProxy;
import io.balance.operator.model.Labels;
import io.balance.operator.model.Names;
import io.balance.operator.model.ServiceModel;
import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/**
 * The traffic Service (traffic port only).
 *
 * <p>Services are created by a plain server-side apply, without the {@code resourceVersion: "1"}
 * that JOSDK otherwise puts on a create to mean "only if it does not exist": the Service storage
 * of older kube-apiservers answers that with a 500, "resourceVersion should not be set on objects
 * to be created", so no Service was ever created there (seen on 1.20 by tier (b), and on 1.22 in
 * java-operator-sdk#2033). Updates are server-side apply as for every other dependent.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR),
        createResourceOnlyIfNotExistingWithSSA = false) // older kube-apiservers, see above
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
