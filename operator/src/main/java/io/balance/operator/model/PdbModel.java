package io.balance.operator.model;

import io.balance.operator.crd.BalanceProxy;
import io.balance.operator.crd.PodDisruptionBudgetSpec;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;

/** A policy/v1 PodDisruptionBudget over the proxy pods. */
public final class PdbModel {
    private PdbModel() {
    }

    public static PodDisruptionBudget build(BalanceProxy proxy) {
        PodDisruptionBudgetSpec pdb = proxy.getSpec().podDisruptionBudget();
        return new PodDisruptionBudgetBuilder()
                .withMetadata(Owned.meta(proxy, Names.pdb(proxy)))
                .withNewSpec()
                    .withSelector(new LabelSelectorBuilder().withMatchLabels(Labels.selector(proxy)).build())
                    .withMinAvailable(pdb.minAvailable())
                    .withMaxUnavailable(pdb.maxUnavailable())
                .endSpec()
                .build();
    }
}
