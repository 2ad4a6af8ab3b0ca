package io.balance.operator.cluster;

import io.balance.operator.crd.BalanceProxySpec;
import io.balance.operator.model.Defaults;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Says which features a spec asks for that the cluster cannot provide, in words for the status. */
public final class FeatureAvailability {
    private FeatureAvailability() {
    }

    public static List<String> unavailable(BalanceProxySpec spec, Predicate<OptionalApi> serves) {
        List<String> missing = new ArrayList<>();
        if (spec.autoscaling() != null) {
            check(OptionalApi.AUTOSCALING_V2, "no autoscaler was created; replicas stay as they are", serves, missing);
        }
        if (spec.podDisruptionBudget() != null) {
            check(OptionalApi.POLICY_V1, "no disruption budget was created", serves, missing);
        }
        if (Defaults.serviceMonitorRequested(spec)) {
            check(OptionalApi.MONITORING_V1, "no ServiceMonitor was created (install the prometheus-operator CRDs)", serves, missing);
        }
        if (Defaults.networkPolicyEnabled(spec)) {
            check(OptionalApi.NETWORKING_V1, "the admin port is not restricted", serves, missing);
        }
        return missing;
    }

    private static void check(OptionalApi api, String consequence, Predicate<OptionalApi> serves, List<String> missing) {
        if (!serves.test(api)) {
            missing.add(api.feature() + ": the cluster does not serve " + api.describe() + "; " + consequence);
        }
    }
}
