package io.balance.operator.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.balance.operator.Fixtures;
import io.balance.operator.crd.BalanceProxy;
import io.balance.operator.crd.Condition;
import io.balance.operator.mock.OperatorScenarios;
import io.balance.operator.model.Names;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubeapitest.junit.EnableKubeAPIServer;
import io.fabric8.kubeapitest.junit.KubeConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tier (b): the shared scenarios and what only a real server shows, on kube-apiserver 1.20.2
 * (kube-api-test) with the production settings: server-side apply for the dependents and the
 * primary's status. The server validates the CRD schema (but has no CEL: 1.20), serves neither
 * autoscaling/v2 nor policy/v1 (so the scenarios about the HPA and the PDB are replaced here by
 * what the operator does without them) and has no controllers or garbage collector.
 */
@ExtendWith(KubeApiServerPrerequisite.class)
@EnableKubeAPIServer(kubeAPIVersion = KubeApiServerPrerequisite.VERSION, apiServerFlags = {"--bind-address", "127.0.0.1"})
class OperatorOnKubeApiServerTest extends OperatorScenarios {
    @KubeConfig
    static String kubeConfigYaml;

    private KubernetesClient client;

    @Override
    protected KubernetesClient startCluster() {
        client = RealCluster.client(kubeConfigYaml);
        RealCluster.installBalanceProxyCrd(client);
        RealCluster.installServiceMonitorCrd(client);
        return client;
    }

    @Override
    protected void stopCluster() {
        client.close();
    }

    @Override
    protected boolean serverSideApply() {
        return true;
    }

    @Override
    protected void prepareNamespace(String namespace) {
        RealCluster.namespace(client, namespace);
    }

    // --- scenarios of the shared set that a 1.20 server answers differently ---

    /** No autoscaling/v2 here: no HPA, the status says so, and a live replica count is still kept. */
    @Test
    @Override
    protected void theAutoscalerOwnsReplicasWhileAutoscalingIsSet() {
        create(Fixtures.copy(Fixtures.autoscaled(), "hpa", "web", spec -> { }));
        Deployment deployment = await().atMost(WAIT).until(() -> get(Deployment.class, "hpa", "web"), d -> d != null);
        assertThat(deployment.getSpec().getReplicas()).as("autoscaling's minimum while no HPA can run").isEqualTo(2);
        BalanceProxy degraded = await().atMost(WAIT).until(() -> proxy("hpa", "web"), p -> p.getStatus() != null
                && p.getStatus().condition(Condition.DEGRADED).map(c -> c.isTrue() && "FeatureUnavailable".equals(c.reason())).orElse(false));
        assertThat(degraded.getStatus().condition(Condition.DEGRADED).orElseThrow().message())
                .contains("spec.autoscaling: the cluster does not serve autoscaling/v2 HorizontalPodAutoscaler");
        assertThat(get(HorizontalPodAutoscaler.class, "hpa", "web")).isNull();

        // an autoscaler of another kind (or kubectl scale deploy) moves the Deployment
        client.apps().deployments().inNamespace("hpa").withName("web").edit(d -> {
            d.getSpec().setReplicas(7);
            return d;
        });
        update("hpa", "web", spec -> spec.put("image", "balance/proxy:scaled"));
        await().atMost(WAIT).until(() -> image(get(Deployment.class, "hpa", "web")), "balance/proxy:scaled"::equals);
        assertThat(get(Deployment.class, "hpa", "web").getSpec().getReplicas()).isEqualTo(7);

        // while autoscaling is set spec.replicas is ignored
        update("hpa", "web", spec -> {
            spec.put("replicas", 4);
            spec.withObjectProperty("timeouts").put("idle", "75s");
        });
        await().atMost(WAIT).until(() -> get(ConfigMap.class, "hpa", "web-config").getData().get(Names.CONFIG_KEY)
                .contains("idle: 1m15s"));
        assertThat(get(Deployment.class, "hpa", "web").getSpec().getReplicas()).isEqualTo(7);
    }

    /** Without autoscaling/v2 and policy/v1 only the ServiceMonitor and the NetworkPolicy come and go. */
    @Test
    @Override
    protected void removingAFeatureFromTheSpecDeletesItsObject() {
        create(Fixtures.copy(Fixtures.autoscaled(), "removal", "web", spec -> { }));
        await().atMost(WAIT).until(() -> serviceMonitor("removal", "web"), m -> m != null);
        await().atMost(WAIT).until(() -> get(NetworkPolicy.class, "removal", "web-admin"), p -> p != null);

        update("removal", "web", spec -> {
            spec.remove("autoscaling");
            spec.remove("podDisruptionBudget");
            spec.remove("monitoring");
            spec.putObject("networkPolicy").put("enabled", false);
            spec.put("replicas", 3);
        });

        await().atMost(WAIT).until(() -> serviceMonitor("removal", "web") == null);
        await().atMost(WAIT).until(() -> get(NetworkPolicy.class, "removal", "web-admin") == null);
        await().atMost(WAIT).until(() -> get(Deployment.class, "removal", "web").getSpec().getReplicas() == 3);
        await().atMost(WAIT).until(() -> proxy("removal", "web"), p -> p.getStatus() != null && p.getStatus().observedGeneration() != null
                && p.getStatus().observedGeneration().equals(p.getMetadata().getGeneration())
                && !p.getStatus().condition(Condition.DEGRADED).map(Condition::isTrue).orElse(true));
    }

    /**
     * The schema refuses what it can check (enums, maximums) before the operator sees it; what
     * only the operator can check (cross-field rules; CEL rules a 1.20 server does not run)
     * reaches the status and an Event.
     */
    @Test
    @Override
    protected void rejectsAnInvalidSpecWithEveryMessageAndAnEvent() {
        prepareNamespace("invalid");
        assertThatThrownBy(() -> client.resource(Fixtures.copy(Fixtures.quickstart(), "invalid", "refused", spec -> {
            spec.withObjectProperty("resilience").withObjectProperty("retry").put("maxAttempts", 50);
            spec.withObjectProperty("loadBalancer").put("algorithm", "fastest");
        })).create()).isInstanceOfSatisfying(KubernetesClientException.class, e -> {
            assertThat(e.getCode()).isEqualTo(422);
            assertThat(e.getMessage()).contains("spec.loadBalancer.algorithm").contains("spec.resilience.retry.maxAttempts");
        });

        create(Fixtures.copy(Fixtures.quickstart(), "invalid", "bad", spec -> {
            spec.withObjectProperty("healthCheck").put("timeout", "10s"); // longer than the 5s interval
            spec.withObjectProperty("backend").putArray("addresses").add("10.0.0.1:80"); // a CEL rule 1.20 does not run
        }));
        assertRejectedWithAnEvent("invalid", "bad", "spec.healthCheck.timeout",
                "spec.healthCheck.timeout: must not exceed interval",
                "spec.backend: set either serviceName (with port) or addresses, not both");
        assertThat(proxy("invalid", "refused")).isNull();
    }

    /** A negative duration never reaches the operator here (the schema's pattern), so an operator-only rule is broken. */
    @Test
    @Override
    protected void aRejectedUpdateLeavesTheRunningObjectsAsTheyWere() {
        create(Fixtures.copy(Fixtures.quickstart(), "rejected-update", "web", spec -> { }));
        await().atMost(WAIT).until(() -> get(Deployment.class, "rejected-update", "web"), d -> d != null);
        String config = await().atMost(WAIT).until(() -> get(ConfigMap.class, "rejected-update", "web-config"), c -> c != null)
                .getData().get(Names.CONFIG_KEY);

        assertThatThrownBy(() -> client.resource(Fixtures.edited(proxy("rejected-update", "web"),
                spec -> spec.withObjectProperty("timeouts").put("connect", "-1s"))).update())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getMessage()).contains("spec.timeouts.connect"));

        update("rejected-update", "web", spec -> {
            spec.put("image", "balance/proxy:never");
            spec.withObjectProperty("healthCheck").put("timeout", "10s");
        });
        BalanceProxy rejected = await().atMost(WAIT).until(() -> proxy("rejected-update", "web"),
                p -> p.getStatus() != null && p.getStatus().condition(Condition.ACCEPTED).map(c -> !c.isTrue()).orElse(false));
        assertThat(rejected.getStatus().condition(Condition.ACCEPTED).orElseThrow().message())
                .contains("spec.healthCheck.timeout: must not exceed interval");
        assertThat(rejected.getStatus().condition(Condition.ACCEPTED).orElseThrow().observedGeneration())
                .isEqualTo(rejected.getMetadata().getGeneration());
        assertThat(image(get(Deployment.class, "rejected-update", "web"))).isEqualTo(io.balance.operator.mock.TestOperator.IMAGE);
        assertThat(get(ConfigMap.class, "rejected-update", "web-config").getData().get(Names.CONFIG_KEY)).isEqualTo(config);
    }

    // --- what only a real server shows ---

    @Test
    void reconcilesTheExamplesIntoWhatA120ServerServes() {
        create(Fixtures.copy(Fixtures.quickstart(), "ex-quickstart", "web", spec -> { }));
        create(Fixtures.copy(Fixtures.autoscaled(), "ex-autoscaled", "web", spec -> { }));

        for (String ns : List.of("ex-quickstart", "ex-autoscaled")) {
            await().atMost(WAIT).until(() -> get(ConfigMap.class, ns, "web-config"), o -> o != null);
            await().atMost(WAIT).until(() -> get(Secret.class, ns, "web-admin-token"), o -> o != null);
            await().atMost(WAIT).until(() -> get(Deployment.class, ns, "web"), o -> o != null);
            await().atMost(WAIT).until(() -> get(Service.class, ns, "web"), o -> o != null);
            await().atMost(WAIT).until(() -> get(Service.class, ns, "web-admin"), o -> o != null);
            await().atMost(WAIT).until(() -> get(NetworkPolicy.class, ns, "web-admin"), o -> o != null);
            assertThat(get(HorizontalPodAutoscaler.class, ns, "web")).isNull();
            assertThat(get(PodDisruptionBudget.class, ns, "web")).isNull();
        }
        assertThat(get(Service.class, "ex-autoscaled", "web").getSpec().getType()).isEqualTo("LoadBalancer");
        await().atMost(WAIT).until(() -> serviceMonitor("ex-autoscaled", "web"), m -> m != null);

        BalanceProxy quickstart = await().atMost(WAIT).until(() -> proxy("ex-quickstart", "web"),
                p -> p.getStatus() != null && p.getStatus().condition(Condition.ACCEPTED).isPresent());
        assertThat(quickstart.getStatus().condition(Condition.ACCEPTED).orElseThrow().isTrue()).isTrue();
        assertThat(quickstart.getStatus().condition(Condition.DEGRADED).map(Condition::isTrue).orElse(false)).isFalse();

        BalanceProxy autoscaled = await().atMost(WAIT).until(() -> proxy("ex-autoscaled", "web"), p -> p.getStatus() != null
                && p.getStatus().condition(Condition.DEGRADED).map(c -> c.isTrue() && "FeatureUnavailable".equals(c.reason())).orElse(false));
        Condition degraded = autoscaled.getStatus().condition(Condition.DEGRADED).orElseThrow();
        assertThat(degraded.reason()).isEqualTo("FeatureUnavailable");
        assertThat(degraded.message())
                .contains("spec.autoscaling: the cluster does not serve autoscaling/v2 HorizontalPodAutoscaler")
                .contains("spec.podDisruptionBudget: the cluster does not serve policy/v1 PodDisruptionBudget")
                .doesNotContain("spec.monitoring");
        assertThat(autoscaled.getStatus().condition(Condition.ACCEPTED).orElseThrow().isTrue()).isTrue();
        assertThat(autoscaled.getStatus().observedGeneration()).isEqualTo(autoscaled.getMetadata().getGeneration());
    }

    /**
     * Server-side apply of the dependents: a reconcile with nothing to change writes nothing;
     * a field another manager adds to an owned object stays (the operator does not own it); a
     * field the operator owns that another manager changed is set back on the next reconcile.
     */
    @Test
    void serverSideApplyKeepsForeignFieldsAndRestoresItsOwn() {
        create(Fixtures.copy(Fixtures.quickstart(), "ssa", "web", spec -> { }));
        await().atMost(WAIT).until(() -> get(NetworkPolicy.class, "ssa", "web-admin"), p -> p != null);
        await().atMost(WAIT).until(() -> proxy("ssa", "web"), p -> p.getStatus() != null && p.getStatus().condition(Condition.ACCEPTED).isPresent());
        Map<String, String> settled = await().atMost(WAIT).pollDelay(java.time.Duration.ofSeconds(2)).until(
                () -> versionsAfter(java.time.Duration.ofSeconds(2)), v -> v.equals(versions("ssa")));
        // server-side apply for every dependent but the ConfigMap and the Secret (JOSDK's default non-SSA types)
        for (HasMetadata owned : owned("ssa")) {
            boolean applied = owned.getMetadata().getManagedFields().stream()
                    .anyMatch(m -> "Apply".equals(m.getOperation()) && "balanceproxy".equals(m.getManager()));
            assertThat(applied).as(owned.getKind() + " " + owned.getMetadata().getManagedFields())
                    .isEqualTo(!(owned instanceof ConfigMap || owned instanceof Secret));
        }

        // another manager labels the Service (a field the operator does not set) and changes the image it sets
        double before = reconciles();
        client.services().inNamespace("ssa").withName("web").edit(s -> {
            s.getMetadata().getLabels().put("team", "blue");
            return s;
        });
        client.apps().deployments().inNamespace("ssa").withName("web").edit(d -> {
            d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("someone/else:1");
            return d;
        });

        await().atMost(WAIT).until(() -> image(get(Deployment.class, "ssa", "web")), io.balance.operator.mock.TestOperator.IMAGE::equals);
        await().atMost(WAIT).until(() -> reconciles() > before);
        await().pollDelay(java.time.Duration.ofSeconds(2)).atMost(WAIT).until(() -> true);
        assertThat(get(Service.class, "ssa", "web").getMetadata().getLabels()).containsEntry("team", "blue");
        Map<String, String> now = versions("ssa");
        for (String kind : List.of("Secret/web-admin-token", "ConfigMap/web-config", "Service/web-admin", "NetworkPolicy/web-admin")) {
            assertThat(now.get(kind)).as(kind + " was not written again").isEqualTo(settled.get(kind));
        }
        ManagedFieldsEntry foreign = get(Service.class, "ssa", "web").getMetadata().getManagedFields().stream()
                .filter(m -> "Update".equals(m.getOperation())).findFirst().orElseThrow();
        assertThat(foreign.getFieldsV1().getAdditionalProperties().toString()).contains("team");
    }

    /** The status goes through the status subresource; the user's spec stays byte for byte what was written. */
    @Test
    void writesStatusWithoutTouchingTheSpec() {
        BalanceProxy quickstart = create(Fixtures.copy(Fixtures.quickstart(), "spec-untouched", "web", spec -> { }));
        BalanceProxy autoscaled = create(Fixtures.copy(Fixtures.autoscaled(), "spec-untouched", "scaled", spec -> { }));

        for (BalanceProxy created : List.of(quickstart, autoscaled)) {
            String name = created.getMetadata().getName();
            BalanceProxy reconciled = await().atMost(WAIT).until(() -> proxy("spec-untouched", name), p -> p.getStatus() != null
                    && p.getStatus().condition(Condition.ACCEPTED).isPresent() && p.getStatus().selector() != null);
            assertThat(tree(reconciled).get("spec")).as(name + ": no defaults written into the spec").isEqualTo(tree(created).get("spec"));
            assertThat(reconciled.getMetadata().getGeneration()).as("status writes do not bump the generation").isEqualTo(1L);
            assertThat(reconciled.getMetadata().getManagedFields())
                    .filteredOn(m -> !m.getManager().equals(created.getMetadata().getManagedFields().get(0).getManager()))
                    .isNotEmpty()
                    .allSatisfy(m -> assertThat(m.getFieldsV1().getAdditionalProperties()).as(m.getManager()).containsOnlyKeys("f:status"));
        }
    }

    /** {@code kubectl scale bp web --replicas 3}: the scale subresource sets spec.replicas and the Deployment follows. */
    @Test
    void theScaleSubresourceScalesTheDeployment() {
        create(Fixtures.copy(Fixtures.quickstart(), "scale", "web", spec -> { }));
        await().atMost(WAIT).until(() -> get(Deployment.class, "scale", "web"), d -> d != null && d.getSpec().getReplicas() == 2);
        await().atMost(WAIT).until(() -> proxy("scale", "web"), p -> p.getStatus() != null && p.getStatus().selector() != null);

        var scale = client.resources(BalanceProxy.class).inNamespace("scale").withName("web").scale();
        assertThat(scale.getSpec().getReplicas()).isEqualTo(2);
        assertThat(scale.getStatus().getSelector()).isEqualTo("app.kubernetes.io/name=balance,app.kubernetes.io/instance=web");

        client.resources(BalanceProxy.class).inNamespace("scale").withName("web").scale(3);

        assertThat(proxy("scale", "web").getSpec().replicas()).isEqualTo(3);
        await().atMost(WAIT).until(() -> get(Deployment.class, "scale", "web").getSpec().getReplicas() == 3);
        rolledOut(get(Deployment.class, "scale", "web"), 3);
        await().atMost(WAIT).until(() -> client.resources(BalanceProxy.class).inNamespace("scale").withName("web").scale(),
                s -> s.getStatus().getReplicas() == 3);
    }

    /**
     * Known limit, pinned: the server answers /scale only when spec.replicas is in the object
     * (documented Kubernetes behaviour), and the operator never writes the default of 2 into the
     * spec. So {@code kubectl scale bp} needs a proxy whose spec sets replicas.
     */
    @Test
    void theScaleSubresourceNeedsReplicasInTheSpec() {
        create(Fixtures.copy(Fixtures.quickstart(), "scale-unset", "web", spec -> spec.remove("replicas")));
        await().atMost(WAIT).until(() -> get(Deployment.class, "scale-unset", "web"), d -> d != null && d.getSpec().getReplicas() == 2);
        assertThatThrownBy(() -> client.resources(BalanceProxy.class).inNamespace("scale-unset").withName("web").scale())
                .isInstanceOfSatisfying(KubernetesClientException.class,
                        e -> assertThat(e.getMessage()).contains("the spec replicas field \".spec.replicas\" does not exist"));
        assertThat(proxy("scale-unset", "web").getSpec().replicas()).as("no default written to make it work").isNull();
    }

    private double reconciles() {
        var counter = operatorRegistry().find("balance.operator.reconcile").tag("result", "success").counter();
        return counter == null ? 0 : counter.count();
    }

    private List<HasMetadata> owned(String ns) {
        return List.of(get(Secret.class, ns, "web-admin-token"), get(ConfigMap.class, ns, "web-config"),
                get(Deployment.class, ns, "web"), get(Service.class, ns, "web"), get(Service.class, ns, "web-admin"),
                get(NetworkPolicy.class, ns, "web-admin"));
    }

    private Map<String, String> versions(String ns) {
        Map<String, String> versions = new LinkedHashMap<>();
        for (HasMetadata owned : owned(ns)) {
            versions.put(owned.getKind() + "/" + owned.getMetadata().getName(), owned.getMetadata().getResourceVersion());
        }
        return versions;
    }

    private Map<String, String> versionsAfter(java.time.Duration pause) throws InterruptedException {
        Map<String, String> first = versions("ssa");
        Thread.sleep(pause.toMillis());
        return first;
    }

    private JsonNode tree(BalanceProxy proxy) {
        return client.getKubernetesSerialization().convertValue(proxy, JsonNode.class);
    }
    // ---- endpoint sync: a 1.20 server serves no discovery.k8s.io/v1 --------------------------
    // The scenarios with EndpointSlices run on the mock tier. Here the same CR must still be
    // reconciled, with no EndpointSlice informer, no push and no endpoint set claimed in status.

    @Test
    @Override
    protected void pushesTheEndpointSetToEveryPodAndReportsProgrammed() {
        reconcilesWithoutEndpointSlices("sync");
    }

    @Test
    @Override
    protected void resendsTheSetToAPodThatReportsAnOlderVersion() {
        reconcilesWithoutEndpointSlices("resend");
    }

    @Test
    @Override
    protected void endpointChangesArePushedAndAnUnreachablePodIsDegraded() {
        reconcilesWithoutEndpointSlices("degraded");
    }

    @Test
    @Override
    protected void anEmptyServiceKeepsTheLastSetForTheGraceAndSaysSo() {
        reconcilesWithoutEndpointSlices("grace");
    }

    @Test
    @Override
    protected void reprogramsAProxyWhoseContainerRestartedWithoutWaitingForTheStatusPoll() {
        reconcilesWithoutEndpointSlices("crashed");
    }

    @Test
    @Override
    protected void programsANewPodOnceItRunsWithAnIp() {
        reconcilesWithoutEndpointSlices("newpod");
    }

    @Test
    @Override
    protected void aServicePortNumberFindsTheSlicesPortThroughTheServicePortsName() {
        reconcilesWithoutEndpointSlices("byport");
    }

    private void reconcilesWithoutEndpointSlices(String namespace) {
        assertThatThrownBy(() -> client.resources(io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice.class)
                .inNamespace("default").list()).isInstanceOf(KubernetesClientException.class);
        create(Fixtures.copy(Fixtures.quickstart(), namespace, "web", spec -> { }));
        await().atMost(WAIT).until(() -> get(Deployment.class, namespace, "web"), d -> d != null);
        BalanceProxy reconciled = await().atMost(WAIT).until(() -> proxy(namespace, "web"),
                p -> p.getStatus() != null && p.getStatus().condition(Condition.ACCEPTED).map(Condition::isTrue).orElse(false));
        // no set is claimed: the status shows the ConfigMap's empty bootstrap set, which has no version
        assertThat(reconciled.getStatus().endpoints()).satisfiesAnyOf(e -> assertThat(e).isNull(),
                e -> assertThat(e.version()).isZero());
        assertThat(reconciled.getStatus().condition(Condition.PROGRAMMED).map(Condition::isTrue).orElse(false)).isFalse();
    }

}
