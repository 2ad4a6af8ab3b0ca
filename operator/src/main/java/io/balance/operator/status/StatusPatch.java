package io.balance.operator.status;

import io.balance.operator.crd.BalanceProxy;
import io.balance.operator.crd.BalanceProxyStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;

/**
 * The object a status patch is sent with: only name, namespace and status. It carries no spec
 * and no resourceVersion, so the same patch works with server-side apply (which would
 * otherwise claim the spec's fields) and with a plain merge patch.
 */
public final class StatusPatch {
    private StatusPatch() {
    }

    public static BalanceProxy of(BalanceProxy proxy, BalanceProxyStatus status) {
        BalanceProxy fresh = new BalanceProxy();
        fresh.setMetadata(new ObjectMetaBuilder()
                .withName(proxy.getMetadata().getName())
                .withNamespace(proxy.getMetadata().getNamespace())
                .build());
        fresh.setStatus(status);
        return fresh;
    }
}
