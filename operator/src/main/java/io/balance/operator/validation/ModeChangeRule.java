package io.balance.operator.validation;

import io.balance.api.validation.FieldPath;
import io.balance.api.validation.Problems;
import io.balance.operator.crd.BalanceProxy;
import io.balance.operator.model.Defaults;

/**
 * A mode change (http to tcp or back) restarts every pod and cuts every open connection, so it
 * needs the annotation {@code balance.io/allow-mode-change: "true"}.
 */
final class ModeChangeRule {
    static final String ALLOW_ANNOTATION = "balance.io/allow-mode-change";

    private ModeChangeRule() {
    }

    static void check(BalanceProxy proxy, String runningMode, Problems problems) {
        String wanted = Defaults.mode(proxy.getSpec());
        if (runningMode == null || runningMode.equals(wanted)) {
            return;
        }
        var annotations = proxy.getMetadata().getAnnotations();
        if (annotations == null || !"true".equals(annotations.get(ALLOW_ANNOTATION))) {
            problems.error(FieldPath.of("mode"), "changing mode from " + runningMode + " to " + wanted
                    + " restarts every pod and drops open connections; set the annotation "
                    + ALLOW_ANNOTATION + ": \"true\" to allow it");
        }
    }
}
