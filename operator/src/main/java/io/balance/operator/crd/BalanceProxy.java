package io.balance.operator.crd;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A fleet of Balance proxies: {@code balance.io/v1alpha1}, kind {@code BalanceProxy}, short
 * name {@code bp}. The spec is the user's and is never written by the operator; the status is
 * the operator's.
 */
@Group(BalanceProxy.GROUP)
@Version(BalanceProxy.VERSION)
@Kind("BalanceProxy")
@Plural("balanceproxies")
@Singular("balanceproxy")
@ShortNames("bp")
@AdditionalPrinterColumn(name = "Mode", jsonPath = ".spec.mode")
@AdditionalPrinterColumn(name = "Replicas", jsonPath = ".status.replicas", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.readyReplicas", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Endpoints", jsonPath = ".status.endpoints.count", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class BalanceProxy extends CustomResource<BalanceProxySpec, BalanceProxyStatus> implements Namespaced {
    public static final String GROUP = "balance.io";
    public static final String VERSION = "v1alpha1";
    public static final String CRD_NAME = "balanceproxies." + GROUP;

    @Override
    protected BalanceProxySpec initSpec() {
        return null;
    }

    @Override
    protected BalanceProxyStatus initStatus() {
        return null;
    }
}
