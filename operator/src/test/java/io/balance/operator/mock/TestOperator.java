package io.balance.operator.mock;

import io.balance.operator.BalanceOperator;
import io.balance.operator.OperatorSettings;
import io.balance.operator.runtime.OperatorMetrics;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Set;

/**
 * The real operator, wired as Main wires it, without leader election. On the mock tier it runs
 * without server-side apply for dependents and the primary's status (the mock has none).
 */
public final class TestOperator implements AutoCloseable {
    public static final String IMAGE = "balance/proxy:test";

    private final Operator operator;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    public TestOperator(KubernetesClient client) {
        this(client, false);
    }

    public TestOperator(KubernetesClient client, boolean serverSideApply) {
        OperatorSettings settings = new OperatorSettings(Set.of(), IMAGE, false, null, 0);
        operator = BalanceOperator.create(client, settings, new OperatorMetrics(registry), o -> o
                .withSSABasedCreateUpdateMatchForDependentResources(serverSideApply)
                .withUseSSAToPatchPrimaryResource(serverSideApply)
                .withCloseClientOnStop(false));
        operator.start();
    }

    public SimpleMeterRegistry registry() {
        return registry;
    }

    @Override
    public void close() {
        operator.stop();
    }
}
