package io.balance.operator.model;

import io.balance.operator.crd.BalanceProxy;
import io.balance.operator.crd.BalanceProxySpec;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * Limits who reaches the proxies: the traffic port stays open to all, the admin port only to
 * the operator's pods (any namespace) and the peers in {@code spec.networkPolicy.adminFrom}.
 */
public final class NetworkPolicyModel {
    private NetworkPolicyModel() {
    }

    public static NetworkPolicy build(BalanceProxy proxy) {
        BalanceProxySpec spec = proxy.getSpec();
        return new NetworkPolicyBuilder()
                .withMetadata(Owned.meta(proxy, Names.networkPolicy(proxy)))
                .withNewSpec()
                    .withPodSelector(new LabelSelectorBuilder().withMatchLabels(Labels.selector(proxy)).build())
                    .withPolicyTypes("Ingress")
                    .addNewIngress()
                        .addNewPort().withProtocol("TCP").withPort(new IntOrString(Defaults.port(spec))).endPort()
                    .endIngress()
                    .addNewIngress()
                        .addNewPort().withProtocol("TCP").withPort(new IntOrString(Defaults.adminPort(spec))).endPort()
                        .withFrom(adminPeers(spec))
                    .endIngress()
                .endSpec()
                .build();
    }

    private static List<NetworkPolicyPeer> adminPeers(BalanceProxySpec spec) {
        List<NetworkPolicyPeer> peers = new ArrayList<>();
        peers.add(new NetworkPolicyPeerBuilder()
                .withNewNamespaceSelector().endNamespaceSelector()
                .withNewPodSelector().addToMatchLabels(Labels.NAME, Labels.OPERATOR).endPodSelector()
                .build());
        if (spec.networkPolicy() != null && spec.networkPolicy().adminFrom() != null) {
            peers.addAll(spec.networkPolicy().adminFrom());
        }
        return peers;
    }
}
