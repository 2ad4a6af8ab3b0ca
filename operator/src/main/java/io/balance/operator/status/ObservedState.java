package io.balance.operator.status;

import io.balance.operator.endpoints.SyncSnapshot;
import io.balance.operator.model.BootstrapBackends;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;

/**
 * What the reconcile saw of the world, the status builder's input besides the spec verdict:
 * the live Deployment (null before it exists), the endpoint set given to the proxies, features
 * asked for that the cluster cannot provide, dependents that failed to reconcile, and what the
 * pods acknowledged of the endpoint set (null when there is no endpoint sync for this proxy).
 */
public record ObservedState(
        Deployment deployment,
        BootstrapBackends endpoints,
        List<String> unavailableFeatures,
        List<String> dependentErrors,
        SyncSnapshot sync) {

    public ObservedState(Deployment deployment, BootstrapBackends endpoints, List<String> unavailableFeatures,
            List<String> dependentErrors) {
        this(deployment, endpoints, unavailableFeatures, dependentErrors, null);
    }

    public ObservedState {
        unavailableFeatures = List.copyOf(unavailableFeatures);
        dependentErrors = List.copyOf(dependentErrors);
    }
}
