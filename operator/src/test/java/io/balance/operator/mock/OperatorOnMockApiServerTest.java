package io.balance.operator.mock;

import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Tier (a): the scenarios on the fabric8 mock API server in CRUD mode, with the generated CRD
 * loaded and every optional API served. The mock has no server-side apply, so the operator
 * runs with plain create/update and merge-patched status.
 */
class OperatorOnMockApiServerTest extends OperatorScenarios {
    private MockCluster cluster;

    @Override
    protected KubernetesClient startCluster() {
        cluster = MockCluster.full();
        return cluster.client();
    }

    @Override
    protected void stopCluster() {
        cluster.close();
    }

    @Override
    protected boolean serverSideApply() {
        return false;
    }
}
