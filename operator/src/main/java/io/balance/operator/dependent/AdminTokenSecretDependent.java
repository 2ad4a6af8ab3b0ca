package io.balance.operator.dependent;

import io.balance.operator.crd.BalanceProxy;
import io.balance.operator.model.AdminTokenSecretModel;
import io.balance.operator.model.Labels;
import io.balance.operator.model.Names;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The admin token Secret. The token is generated once and kept: a reconcile reuses the value
 * the live Secret holds, so it is never rotated by accident. A deleted Secret comes back with a
 * new token.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR))
public class AdminTokenSecretDependent extends OwnedDependent<Secret> {
    public static final String NAME = "admin-token-secret";
    private static final SecureRandom RANDOM = new SecureRandom();

    public AdminTokenSecretDependent() {
        super(Secret.class);
    }

    @Override
    String objectName(BalanceProxy primary) {
        return Names.adminTokenSecret(primary);
    }

    @Override
    protected Secret desired(BalanceProxy primary, Context<BalanceProxy> context) {
        String token = getSecondaryResource(primary, context).map(AdminTokenSecretModel::tokenOf).orElse(null);
        return AdminTokenSecretModel.build(primary, token != null ? token : newToken());
    }

    static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
