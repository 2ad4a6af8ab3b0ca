package io.balance.operator.dependent;

import io.balance.api.config.ProxyConfig;
import io.balance.operator.crd.BalanceProxy;
import io.javaoperatorsdk.operator.api.reconciler.Context;

/**
 * What the dependents need besides the spec: the validated proxy config and the operator's
 * default image. The reconciler puts it into the workflow context before it runs the workflow,
 * so every dependent builds from the same, already validated, input.
 */
public record DesiredInputs(ProxyConfig config, String defaultImage) {

    public void putInto(Context<BalanceProxy> context) {
        context.managedWorkflowAndDependentResourceContext().put(DesiredInputs.class, this);
    }

    static DesiredInputs from(Context<BalanceProxy> context) {
        return context.managedWorkflowAndDependentResourceContext().getMandatory(DesiredInputs.class, DesiredInputs.class);
    }
}
