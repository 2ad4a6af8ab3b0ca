package io.balance.operator.model;

import io.balance.operator.crd.BalanceProxy;
import io.balance.operator.crd.BalanceProxySpec;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;

/** The traffic Service. It exposes the proxy port only; the admin port is never on it. */
public final class ServiceModel {
    private ServiceModel() {
    }

    public static Service build(BalanceProxy proxy) {
        BalanceProxySpec spec = proxy.getSpec();
        var meta = Owned.meta(proxy, Names.service(proxy));
        if (spec.service() != null && spec.service().annotations() != null && !spec.service().annotations().isEmpty()) {
            meta.setAnnotations(new java.util.LinkedHashMap<>(spec.service().annotations()));
        }
        return new ServiceBuilder()
                .withMetadata(meta)
                .withNewSpec()
                    .withType(Defaults.serviceType(spec))
                    .withSelector(Labels.selector(proxy))
                    .addNewPort()
                        .withName(Defaults.mode(spec))
                        .withPort(Defaults.servicePort(spec))
                        .withTargetPort(new IntOrString(Names.TRAFFIC_PORT_NAME))
                        .withProtocol("TCP")
                    .endPort()
                .endSpec()
                .build();
    }
}
