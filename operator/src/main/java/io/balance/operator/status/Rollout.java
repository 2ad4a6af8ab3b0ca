package io.balance.operator.status;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;

/** Reads a Deployment's rollout state the way {@code kubectl rollout status} does. */
record Rollout(int desired, int current, int updated, int ready, int available, boolean observed, boolean stuck) {

    static Rollout of(Deployment deployment) {
        int desired = deployment.getSpec() == null || deployment.getSpec().getReplicas() == null ? 1 : deployment.getSpec().getReplicas();
        DeploymentStatus s = deployment.getStatus();
        if (s == null) {
            return new Rollout(desired, 0, 0, 0, 0, false, false);
        }
        long generation = deployment.getMetadata().getGeneration() == null ? 0 : deployment.getMetadata().getGeneration();
        boolean observed = s.getObservedGeneration() != null && s.getObservedGeneration() >= generation;
        boolean stuck = s.getConditions() != null && s.getConditions().stream().anyMatch(c ->
                "Progressing".equals(c.getType()) && "ProgressDeadlineExceeded".equals(c.getReason()));
        return new Rollout(desired, n(s.getReplicas()), n(s.getUpdatedReplicas()), n(s.getReadyReplicas()),
                n(s.getAvailableReplicas()), observed, stuck);
    }

    /** Every pod runs the current template and is available, and no old pod is left. */
    boolean complete() {
        return observed && updated == desired && available == desired && ready == desired && current == desired;
    }

    private static int n(Integer value) {
        return value == null ? 0 : value;
    }
}
