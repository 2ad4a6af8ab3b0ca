package io.balance.operator.model;

import io.balance.operator.crd.BalanceProxy;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;

/**
 * {@code <name>-admin}: a ClusterIP Service for the admin port, named {@code metrics}, for the
 * ServiceMonitor and the operator. The NetworkPolicy limits who may use it.
 */
public final class AdminServiceModel {
    public static final String COMPONENT = "admin";

    private AdminServiceModel() {
    }

    public static Service build(BalanceProxy proxy) {
        return new ServiceBuilder()
                .withMetadata(Owned.meta(proxy, Names.adminService(proxy), Labels.of(proxy, COMPONENT)))
                .withNewSpec()
                    .withType("ClusterIP")
                    .withSelector(Labels.selector(proxy))
                    .addNewPort()
                        .withName(Names.METRICS_PORT_NAME)
                        .withPort(Defaults.adminPort(proxy.getSpec()))
                        .withTargetPort(new IntOrString(Names.ADMIN_PORT_NAME))
                        .withProtocol("TCP")
                    .endPort()
                .endSpec()
                .build();
    }
}
