package io.balance.operator.mock;

import io.balance.operator.BalanceOperator;
import io.balance.operator.OperatorSettings;
import io.balance.operator.runtime.OperatorMetrics;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Set;

/**
 * The real operator, wired as Main wires it, with the mock tier's overrides: no server-side
 * apply for dependents or the primary's status, no leader election.
 */
public final class TestOperator implements AutoCloseable {
    public static final String IMAGE = "balance/proxy:test";

    private final Operator operator;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    public TestOperator(KubernetesClient client) {
        OperatorSettings settings = new OperatorSettings(Set.of(), IMAGE, false, null, 0);
        operator = BalanceOperator.create(client, settings, new OperatorMetrics(registry), o -> o
                .withSSABasedCreateUpdateMatchForDependentResources(false)
                .withUseSSAToPatchPrimaryResource(false)
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
