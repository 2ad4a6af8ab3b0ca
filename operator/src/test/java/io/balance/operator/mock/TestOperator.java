package io.balance.operator.mock;

import io.balance.operator.BalanceOperator;
import io.balance.operator.OperatorSettings;
import io.balance.operator.admin.FakeProxyAdminClient;
import io.balance.operator.endpoints.EndpointSyncSettings;
import io.balance.operator.runtime.OperatorMetrics;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Set;

/**
 * The real operator, wired as Main wires it, without leader election. On the mock tier it runs
 * without server-side apply for dependents and the primary's status (the mock has none). The
 * proxy pods' admin API is an in-memory fake ({@link #admin()}); pods' status is polled every
 * 300 ms and an empty endpoint set waits 2 s.
 */
public final class TestOperator implements AutoCloseable {
    public static final String IMAGE = "balance/proxy:test";

    private final Operator operator;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final FakeProxyAdminClient admin = new FakeProxyAdminClient();

    public TestOperator(KubernetesClient client) {
        this(client, false);
    }

    public TestOperator(KubernetesClient client, boolean serverSideApply) {
        OperatorSettings settings = new OperatorSettings(Set.of(), IMAGE, false, null, 0);
        var sync = new EndpointSyncSettings(Duration.ofSeconds(2), Duration.ofMillis(50), Duration.ofMillis(500),
                Duration.ofMillis(300));
        operator = BalanceOperator.create(client, settings, new OperatorMetrics(registry), admin, sync, o -> o
                .withSSABasedCreateUpdateMatchForDependentResources(serverSideApply)
                .withUseSSAToPatchPrimaryResource(serverSideApply)
                .withCloseClientOnStop(false));
        operator.start();
    }

    /** The proxy pods' admin API. */
    public FakeProxyAdminClient admin() {
        return admin;
    }

    public SimpleMeterRegistry registry() {
        return registry;
    }

    @Override
    public void close() {
        operator.stop();
    }
}
