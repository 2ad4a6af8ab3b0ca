package io.balance.operator.model;

import io.balance.operator.crd.BalanceProxy;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.Map;

/** Metadata of an owned object: name, namespace, the common labels and a controller owner reference. */
final class Owned {
    private Owned() {
    }

    static ObjectMeta meta(BalanceProxy proxy, String name) {
        return meta(proxy, name, Labels.of(proxy));
    }

    static ObjectMeta meta(BalanceProxy proxy, String name, Map<String, String> labels) {
        return new ObjectMetaBuilder()
                .withName(name)
                .withNamespace(proxy.getMetadata().getNamespace())
                .withLabels(labels)
                .withOwnerReferences(owner(proxy))
                .build();
    }

    static OwnerReference owner(BalanceProxy proxy) {
        return new OwnerReferenceBuilder()
                .withApiVersion(proxy.getApiVersion())
                .withKind(proxy.getKind())
                .withName(proxy.getMetadata().getName())
                .withUid(proxy.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build();
    }
}
