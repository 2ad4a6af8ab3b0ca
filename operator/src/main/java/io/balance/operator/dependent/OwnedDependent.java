package io.balance.operator.dependent;

import io.balance.operator.crd.BalanceProxy;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

/**
 * A dependent whose object's name follows from the BalanceProxy alone. JOSDK would otherwise
 * compute the whole desired object just to learn which live object is "ours", and a
 * {@code desired()} that reads the live object (to keep a token or a replica count) would then
 * call itself.
 */
abstract class OwnedDependent<R extends HasMetadata> extends CRUDKubernetesDependentResource<R, BalanceProxy> {

    OwnedDependent(Class<R> type) {
        super(type);
    }

    /** The name of the object this dependent owns for {@code primary}. */
    abstract String objectName(BalanceProxy primary);

    @Override
    protected ResourceID targetSecondaryResourceID(BalanceProxy primary, Context<BalanceProxy> context) {
        return new ResourceID(objectName(primary), primary.getMetadata().getNamespace());
    }
}
