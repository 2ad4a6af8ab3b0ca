package io.balance.operator.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.balance.operator.Fixtures;
import io.balance.operator.crd.BalanceProxy;
import io.balance.operator.crd.Condition;
import io.balance.operator.mock.TestOperator;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubeapitest.junit.EnableKubeAPIServer;
import io.fabric8.kubeapitest.junit.KubeConfig;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tier (b), the real counterpart of {@code mock.MissingOptionalApisTest}: a 1.20 server without
 * the prometheus-operator serves none of autoscaling/v2, policy/v1 and monitoring.coreos.com/v1.
 * The operator (production settings) runs the autoscaled example anyway, says in the status
 * which features it cannot provide, and notices the ServiceMonitor CRD installed later.
 */
@ExtendWith(KubeApiServerPrerequisite.class)
@EnableKubeAPIServer(kubeAPIVersion = KubeApiServerPrerequisite.VERSION, apiServerFlags = {"--bind-address", "127.0.0.1"})
class MissingOptionalApisOnKubeApiServerTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @KubeConfig
    static String kubeConfigYaml;

    private static KubernetesClient client;
    private static TestOperator operator;

    @BeforeAll
    static void start() {
        client = RealCluster.client(kubeConfigYaml);
        RealCluster.installBalanceProxyCrd(client);
        operator = new TestOperator(client, true);
    }

    @AfterAll
    static void stop() {
        operator.close();
        client.close();
    }

    @Test
    void runsTheAutoscaledExampleAndReportsWhatIsUnavailableUntilTheCrdArrives() {
        RealCluster.namespace(client, "old");
        client.resource(Fixtures.copy(Fixtures.autoscaled(), "old", "web", spec -> { })).create();

        await().atMost(WAIT).until(() -> client.apps().deployments().inNamespace("old").withName("web").get() != null);
        BalanceProxy proxy = await().atMost(WAIT).until(() -> proxy("old", "web"), p -> p.getStatus() != null
                && p.getStatus().condition(Condition.DEGRADED).map(c -> c.isTrue() && "FeatureUnavailable".equals(c.reason())).orElse(false));
        assertThat(proxy.getStatus().condition(Condition.DEGRADED).orElseThrow().message())
                .contains("spec.autoscaling: the cluster does not serve autoscaling/v2 HorizontalPodAutoscaler")
                .contains("spec.podDisruptionBudget: the cluster does not serve policy/v1 PodDisruptionBudget")
                .contains("spec.monitoring.serviceMonitor: the cluster does not serve monitoring.coreos.com/v1 ServiceMonitor");
        assertThat(proxy.getStatus().condition(Condition.ACCEPTED).orElseThrow().isTrue()).isTrue();
        Deployment deployment = client.apps().deployments().inNamespace("old").withName("web").get();
        assertThat(deployment.getSpec().getReplicas()).as("autoscaling's minimum while no HPA can run").isEqualTo(2);

        RealCluster.installServiceMonitorCrd(client);
        // any change to the proxy makes the operator look again (and the periodic reconcile would)
        await().atMost(WAIT).ignoreExceptions().until(() -> {
            BalanceProxy live = proxy("old", "web");
            client.resource(Fixtures.edited(live, spec -> spec.withObjectProperty("timeouts")
                    .put("idle", System.nanoTime() % 100 + 1 + "s"))).update();
            return serviceMonitor("old", "web") != null;
        });
        BalanceProxy after = await().atMost(WAIT).until(() -> proxy("old", "web"), p -> p.getStatus().condition(Condition.DEGRADED)
                .map(c -> !c.message().contains("spec.monitoring")).orElse(false));
        assertThat(after.getStatus().condition(Condition.DEGRADED).orElseThrow().message()).contains("spec.autoscaling");
    }

    private static BalanceProxy proxy(String namespace, String name) {
        return client.resources(BalanceProxy.class).inNamespace(namespace).withName(name).get();
    }

    private static GenericKubernetesResource serviceMonitor(String namespace, String name) {
        var context = new ResourceDefinitionContext.Builder().withGroup("monitoring.coreos.com").withVersion("v1")
                .withKind("ServiceMonitor").withPlural("servicemonitors").withNamespaced(true).build();
        return client.genericKubernetesResources(context).inNamespace(namespace).withName(name).get();
    }
}
