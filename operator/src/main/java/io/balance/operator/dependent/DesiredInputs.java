package io.balance.operator.dependent;

import io.balance.api.config.ProxyConfig;
import io.balance.operator.crd.BalanceProxy;
import io.balance.operator.model.BootstrapBackends;
import io.javaoperatorsdk.operator.api.reconciler.Context;

/**
 * What the dependents need besides the spec: the validated proxy config, the operator's
 * default image and the endpoint set the pods were given (null when the endpoint sync has none:
 * the ConfigMap then keeps what it holds). The reconciler puts it into the workflow context before it runs the workflow,
 * so every dependent builds from the same, already validated, input.
 */
public record DesiredInputs(ProxyConfig config, String defaultImage, BootstrapBackends endpoints) {

    public DesiredInputs(ProxyConfig config, String defaultImage) {
        this(config, defaultImage, null);
    }

    public void putInto(Context<BalanceProxy> context) {
        context.managedWorkflowAndDependentResourceContext().put(DesiredInputs.class, this);
    }

    static DesiredInputs from(Context<BalanceProxy> context) {
        return context.managedWorkflowAndDependentResourceContext().getMandatory(DesiredInputs.class, DesiredInputs.class);
    }
}
