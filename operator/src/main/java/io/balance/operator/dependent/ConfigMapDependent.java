package io.balance.operator.dependent;

import io.balance.operator.crd.BalanceProxy;
import io.balance.operator.model.BootstrapBackends;
import io.balance.operator.model.ConfigMapModel;
import io.balance.operator.model.Labels;
import io.balance.operator.model.Names;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/**
 * The proxy config ConfigMap. The bootstrap set is what the endpoint sync last gave the pods;
 * without one (discovery.k8s.io/v1 not served) static addresses make it, and for a Service
 * backend the last known set in the live ConfigMap is kept.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR))
public class ConfigMapDependent extends OwnedDependent<ConfigMap> {
    public static final String NAME = "config";

    public ConfigMapDependent() {
        super(ConfigMap.class);
    }

    @Override
    String objectName(BalanceProxy primary) {
        return Names.configMap(primary);
    }

    @Override
    protected ConfigMap desired(BalanceProxy primary, Context<BalanceProxy> context) {
        return ConfigMapModel.build(primary, DesiredInputs.from(context).config(), bootstrap(primary, context));
    }

    private BootstrapBackends bootstrap(BalanceProxy primary, Context<BalanceProxy> context) {
        BootstrapBackends synced = DesiredInputs.from(context).endpoints();
        if (synced != null) {
            return synced;
        }
        var addresses = primary.getSpec().backend().addresses();
        if (addresses != null) {
            return BootstrapBackends.ofAddresses(0, addresses);
        }
        return getSecondaryResource(primary, context)
                .map(ConfigMap::getData)
                .map(data -> BootstrapBackends.parse(data.get(Names.BOOTSTRAP_KEY)))
                .orElse(BootstrapBackends.empty());
    }
}
