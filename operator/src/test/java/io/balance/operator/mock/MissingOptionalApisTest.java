package io.balance.operator.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.balance.operator.Fixtures;
import io.balance.operator.crd.BalanceProxy;
import io.balance.operator.crd.Condition;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A cluster that serves none of autoscaling/v2, policy/v1 and monitoring.coreos.com/v1 (like
 * an old kube-apiserver without the prometheus-operator): the operator still runs every
 * BalanceProxy, and the status says which features were skipped and why. Installing the
 * ServiceMonitor CRD later is noticed without a restart.
 */
class MissingOptionalApisTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static MockCluster cluster;
    private static TestOperator operator;
    private static KubernetesClient client;

    @BeforeAll
    static void start() {
        cluster = MockCluster.serving("apps/v1", "networking.k8s.io/v1", "coordination.k8s.io/v1");
        client = cluster.client();
        operator = new TestOperator(client);
    }

    @AfterAll
    static void stop() {
        operator.close();
        cluster.close();
    }

    @Test
    void runsTheProxyAndSaysWhichFeaturesTheClusterCannotProvide() {
        client.resource(Fixtures.copy(Fixtures.autoscaled(), "old", "web", spec -> { })).create();

        await().atMost(WAIT).until(() -> client.apps().deployments().inNamespace("old").withName("web").get() != null);
        BalanceProxy proxy = await().atMost(WAIT).until(() -> proxy("old", "web"),
                p -> p.getStatus() != null && p.getStatus().condition(Condition.DEGRADED).map(Condition::isTrue).orElse(false));

        Condition degraded = proxy.getStatus().condition(Condition.DEGRADED).orElseThrow();
        assertThat(degraded.reason()).isEqualTo("FeatureUnavailable");
        assertThat(degraded.message())
                .contains("spec.autoscaling: the cluster does not serve autoscaling/v2 HorizontalPodAutoscaler")
                .contains("spec.podDisruptionBudget: the cluster does not serve policy/v1 PodDisruptionBudget")
                .contains("spec.monitoring.serviceMonitor: the cluster does not serve monitoring.coreos.com/v1 ServiceMonitor");
        assertThat(proxy.getStatus().condition(Condition.ACCEPTED).orElseThrow().isTrue()).isTrue();
        Deployment deployment = client.apps().deployments().inNamespace("old").withName("web").get();
        assertThat(deployment.getSpec().getReplicas()).as("autoscaling's minimum while no HPA can run").isEqualTo(2);
    }

    @Test
    void createsTheServiceMonitorOnceItsCrdIsInstalled() {
        client.resource(Fixtures.copy(Fixtures.autoscaled(), "later", "web", spec -> spec.remove("autoscaling"))).create();
        await().atMost(WAIT).until(() -> proxy("later", "web"),
                p -> p.getStatus() != null && p.getStatus().condition(Condition.DEGRADED).map(Condition::isTrue).orElse(false));

        MockCluster.installServiceMonitorCrd(client);
        // any change to the proxy makes the operator look again
        await().atMost(WAIT).ignoreExceptions().until(() -> {
            BalanceProxy live = proxy("later", "web");
            client.resource(Fixtures.edited(live, spec -> spec.withObjectProperty("timeouts").put("idle", System.nanoTime() % 100 + 1 + "s"))).update();
            return serviceMonitor("later", "web") != null;
        });
        assertThat(proxy("later", "web").getStatus().condition(Condition.DEGRADED).orElseThrow().status()).isIn("True", "False");
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
