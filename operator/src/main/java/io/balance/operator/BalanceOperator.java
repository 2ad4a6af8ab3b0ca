package io.balance.operator;

import io.balance.operator.admin.HttpProxyAdminClient;
import io.balance.operator.admin.ProxyAdminClient;
import io.balance.operator.cluster.ApiCapabilities;
import io.balance.operator.cluster.OptionalApi;
import io.balance.operator.endpoints.EndpointSync;
import io.balance.operator.endpoints.EndpointSyncSettings;
import io.balance.operator.runtime.ProxyConditionGauges;
import io.balance.operator.reconciler.BalanceProxyReconciler;
import io.balance.operator.runtime.OperatorMetrics;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ConfigurationServiceOverrider;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * Assembles the operator: one client, the optional-API probe, metrics, leader election and the
 * BalanceProxy controller. Main and the tests build it the same way; tests add their overrides
 * (no server-side apply on the mock API server).
 */
public final class BalanceOperator {
    private BalanceOperator() {
    }

    public static Operator create(KubernetesClient client, OperatorSettings settings, OperatorMetrics metrics,
            Consumer<ConfigurationServiceOverrider> overrides) {
        return create(client, settings, metrics, overrides, new AtomicBoolean());
    }

    /**
     * As above; {@code leader} follows leader election (always true without it), for the parts
     * that only the leader may do outside the controller (the webhook's certificate and configuration).
     */
    public static Operator create(KubernetesClient client, OperatorSettings settings, OperatorMetrics metrics,
            Consumer<ConfigurationServiceOverrider> overrides, AtomicBoolean leader) {
        return create(client, settings, metrics, new HttpProxyAdminClient(),
                EndpointSyncSettings.fromEnvironment(System.getenv()), overrides, leader);
    }

    /** The same with a given admin client and endpoint sync tuning (tests use an in-memory fake client). */
    public static Operator create(KubernetesClient client, OperatorSettings settings, OperatorMetrics metrics,
            ProxyAdminClient adminClient, EndpointSyncSettings syncSettings, Consumer<ConfigurationServiceOverrider> overrides) {
        return create(client, settings, metrics, adminClient, syncSettings, overrides, new AtomicBoolean());
    }

    private static Operator create(KubernetesClient client, OperatorSettings settings, OperatorMetrics metrics,
            ProxyAdminClient adminClient, EndpointSyncSettings syncSettings, Consumer<ConfigurationServiceOverrider> overrides,
            AtomicBoolean leader) {
        leader.set(!settings.leaderElection());
        var served = ApiCapabilities.of(client).probeAll();
        var gauges = new ProxyConditionGauges(metrics.registry());
        var endpointSync = new EndpointSync(adminClient, Clock.systemUTC(), scheduler(), syncSettings, metrics.registry());
        Operator operator = new Operator(o -> {
            o.withKubernetesClient(client)
                    .withMetrics(metrics)
                    .withCloseClientOnStop(false)
                    .withStopOnInformerErrorDuringStartup(false);
            if (settings.leaderElection()) {
                var election = LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(OperatorSettings.LEASE_NAME);
                election.withLeaderCallbacks(new LeaderCallbacks(() -> leader.set(true), () -> leader.set(false), identity -> { }));
                if (settings.leaseNamespace() != null) {
                    election.withLeaseNamespace(settings.leaseNamespace());
                }
                o.withLeaderElectionConfiguration(election.build());
            }
            overrides.accept(o);
        });
        boolean discovery = Boolean.TRUE.equals(served.get(OptionalApi.DISCOVERY_V1));
        operator.register(new BalanceProxyReconciler(settings.defaultImage(), Clock.systemUTC(), endpointSync, gauges, discovery), c -> {
            if (settings.watchesAllNamespaces()) {
                c.watchingAllNamespaces();
            } else {
                c.settingNamespaces(settings.watchNamespaces());
            }
        });
        return operator;
    }

    /** Retries and status polls of the endpoint sync: one daemon thread (the pushes themselves are asynchronous). */
    private static ScheduledExecutorService scheduler() {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "endpoint-sync");
            thread.setDaemon(true);
            return thread;
        });
    }
}
