package io.balance.operator.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.balance.operator.Fixtures;
import io.balance.operator.crd.BalanceProxy;
import io.balance.operator.crd.Condition;
import io.balance.operator.model.Labels;
import io.balance.operator.model.Names;
import io.balance.operator.model.RestartHash;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What the operator does with BalanceProxies on an API server, as scenarios shared by the test
 * tiers: tier (a) runs them on the fabric8 mock ({@link OperatorOnMockApiServerTest}); tier (b),
 * a real kube-apiserver through kube-api-test with server-side apply on, extends this class
 * too (see {@code io.balance.operator.apiserver}). The cluster must have the generated CRD and
 * the ServiceMonitor CRD installed and serve every optional API; it has no controllers and no
 * garbage collector. Each test uses its own namespace ({@link #prepareNamespace} creates it where
 * the server needs that). The protected scenarios are the ones a tier may answer differently
 * (a 1.20 server has no autoscaling/v2, policy/v1 or CEL and refuses schema violations itself):
 * such a tier overrides them with {@code @Test}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class OperatorScenarios {
    protected static final Duration WAIT = Duration.ofSeconds(30);
    private TestOperator operator;
    private KubernetesClient client;

    /** Starts the API server (CRDs installed) and returns a client for it. */
    protected abstract KubernetesClient startCluster();

    protected abstract void stopCluster();

    /** Whether the operator runs with server-side apply (production) or without (the mock). */
    protected abstract boolean serverSideApply();

    /** Called before a scenario creates a proxy in {@code namespace}: a real server needs the namespace to exist. */
    protected void prepareNamespace(String namespace) {
    }

    protected KubernetesClient client() {
        return client;
    }

    protected io.micrometer.core.instrument.simple.SimpleMeterRegistry operatorRegistry() {
        return operator.registry();
    }

    @BeforeAll
    void start() {
        client = startCluster();
        operator = new TestOperator(client, serverSideApply());
    }

    @AfterAll
    void stop() {
        operator.close();
        stopCluster();
    }

    @Test
    void createsEveryOwnedObjectWithLabelsAndOwnerReferences() {
        BalanceProxy proxy = create(Fixtures.copy(Fixtures.quickstart(), "shapes", "web", spec -> { }));

        Deployment deployment = await().atMost(WAIT).until(() -> get(Deployment.class, "shapes", "web"), d -> d != null);
        Secret secret = await().atMost(WAIT).until(() -> get(Secret.class, "shapes", "web-admin-token"), s -> s != null);
        ConfigMap config = await().atMost(WAIT).until(() -> get(ConfigMap.class, "shapes", "web-config"), c -> c != null);
        Service service = await().atMost(WAIT).until(() -> get(Service.class, "shapes", "web"), s -> s != null);
        Service admin = await().atMost(WAIT).until(() -> get(Service.class, "shapes", "web-admin"), s -> s != null);
        NetworkPolicy policy = await().atMost(WAIT).until(() -> get(NetworkPolicy.class, "shapes", "web-admin"), p -> p != null);

        for (HasMetadata owned : List.of(deployment, secret, config, service, admin, policy)) {
            assertThat(owned.getMetadata().getLabels()).as(owned.getKind())
                    .containsEntry(Labels.NAME, "balance").containsEntry(Labels.INSTANCE, "web")
                    .containsEntry(Labels.MANAGED_BY, "balance-operator");
            assertThat(owned.getMetadata().getOwnerReferences()).as(owned.getKind()).singleElement()
                    .satisfies(ref -> {
                        assertThat(ref.getKind()).isEqualTo("BalanceProxy");
                        assertThat(ref.getUid()).isEqualTo(proxy.getMetadata().getUid());
                        assertThat(ref.getController()).isTrue();
                    });
        }
        var container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getImage()).isEqualTo(TestOperator.IMAGE);
        assertThat(container.getArgs()).containsExactly("run", "--config", "/etc/balance/config.yaml");
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
        assertThat(service.getSpec().getPorts()).singleElement().satisfies(p -> assertThat(p.getPort()).isEqualTo(80));
        assertThat(admin.getSpec().getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getName()).isEqualTo("metrics");
            assertThat(p.getPort()).isEqualTo(9090);
        });
        assertThat(config.getData().get(Names.CONFIG_KEY)).contains("algorithm: least-connections")
                .contains("dynamic_backends: true").contains("token_file: /var/run/balance/admin/token");
        assertThat(secret.getData().get(Names.TOKEN_KEY)).isNotBlank();
        assertThat(proxy("shapes", "web").getMetadata().getFinalizers())
                .as("no finalizer: owned objects go with their owner, and deleting a proxy never waits for the operator").isEmpty();
        assertThat(get(HorizontalPodAutoscaler.class, "shapes", "web")).isNull();
        assertThat(get(PodDisruptionBudget.class, "shapes", "web")).isNull();
    }

    @Test
    void reportsAcceptedAndWaitsForTheRolloutBeforeReady() {
        create(Fixtures.copy(Fixtures.quickstart(), "status", "web", spec -> { }));

        BalanceProxy withStatus = await().atMost(WAIT).until(() -> proxy("status", "web"),
                p -> p.getStatus() != null && p.getStatus().condition(Condition.ACCEPTED).isPresent());
        assertThat(withStatus.getStatus().condition(Condition.ACCEPTED).orElseThrow().status()).isEqualTo("True");
        assertThat(withStatus.getStatus().condition(Condition.READY).orElseThrow().status()).isEqualTo("False");
        assertThat(withStatus.getStatus().selector()).isEqualTo("app.kubernetes.io/name=balance,app.kubernetes.io/instance=web");
        assertThat(withStatus.getSpec().replicas()).as("no defaults written into the spec").isEqualTo(2);
        assertThat(withStatus.getSpec().port()).as("no defaults written into the spec").isNull();
        String acceptedSince = withStatus.getStatus().condition(Condition.ACCEPTED).orElseThrow().lastTransitionTime();

        Deployment deployment = get(Deployment.class, "status", "web");
        rolledOut(deployment, 2);

        BalanceProxy ready = await().atMost(WAIT).until(() -> proxy("status", "web"),
                p -> p.getStatus() != null && p.getStatus().condition(Condition.READY).map(Condition::isTrue).orElse(false));
        assertThat(ready.getStatus().readyReplicas()).isEqualTo(2);
        assertThat(ready.getStatus().condition(Condition.ACCEPTED).orElseThrow().lastTransitionTime())
                .as("Accepted did not flip, so its transition time stays").isEqualTo(acceptedSince);
        assertThat(ready.getStatus().condition(Condition.READY).orElseThrow().observedGeneration())
                .isEqualTo(ready.getMetadata().getGeneration());
    }

    @Test
    void hotChangesUpdateTheConfigMapWithoutRestartingPods() {
        create(Fixtures.copy(Fixtures.quickstart(), "hot", "web", spec -> { }));
        Deployment before = await().atMost(WAIT).until(() -> get(Deployment.class, "hot", "web"), d -> d != null);
        String hash = restartHash(before);

        update("hot", "web", spec -> spec.withObjectProperty("loadBalancer").put("algorithm", "random"));

        await().atMost(WAIT).until(() -> get(ConfigMap.class, "hot", "web-config").getData().get(Names.CONFIG_KEY)
                .contains("algorithm: random"));
        assertThat(restartHash(get(Deployment.class, "hot", "web"))).isEqualTo(hash);
    }

    @Test
    void restartClassChangesRollThePods() {
        create(Fixtures.copy(Fixtures.quickstart(), "restart", "web", spec -> { }));
        Deployment before = await().atMost(WAIT).until(() -> get(Deployment.class, "restart", "web"), d -> d != null);

        update("restart", "web", spec -> spec.put("image", "balance/proxy:9.9.9"));

        await().atMost(WAIT).until(() -> image(get(Deployment.class, "restart", "web")), "balance/proxy:9.9.9"::equals);
        assertThat(restartHash(get(Deployment.class, "restart", "web"))).isNotEqualTo(restartHash(before));
    }

    @Test
    void recreatesADeletedObjectAndKeepsTheAdminToken() {
        create(Fixtures.copy(Fixtures.quickstart(), "recreate", "web", spec -> { }));
        Secret secret = await().atMost(WAIT).until(() -> get(Secret.class, "recreate", "web-admin-token"), s -> s != null);
        Service service = await().atMost(WAIT).until(() -> get(Service.class, "recreate", "web"), s -> s != null);

        client.resource(service).delete();
        await().atMost(WAIT).until(() -> get(Service.class, "recreate", "web"),
                s -> s != null && !s.getMetadata().getUid().equals(service.getMetadata().getUid()));

        update("recreate", "web", spec -> spec.withObjectProperty("timeouts").put("idle", "90s"));
        await().atMost(WAIT).until(() -> get(ConfigMap.class, "recreate", "web-config").getData().get(Names.CONFIG_KEY)
                .contains("idle: 1m30s"));
        assertThat(get(Secret.class, "recreate", "web-admin-token").getData()).isEqualTo(secret.getData());
    }

    @Test
    protected void theAutoscalerOwnsReplicasWhileAutoscalingIsSet() {
        create(Fixtures.copy(Fixtures.autoscaled(), "hpa", "web", spec -> { }));
        HorizontalPodAutoscaler hpa = await().atMost(WAIT).until(() -> get(HorizontalPodAutoscaler.class, "hpa", "web"), h -> h != null);
        assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(2);
        assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(10);
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("web");
        Deployment deployment = await().atMost(WAIT).until(() -> get(Deployment.class, "hpa", "web"), d -> d != null);
        assertThat(deployment.getSpec().getReplicas()).as("starts at minReplicas").isEqualTo(2);

        // the HPA scales the Deployment up, as its controller would
        client.apps().deployments().inNamespace("hpa").withName("web").edit(d -> {
            d.getSpec().setReplicas(7);
            return d;
        });
        // a change that rewrites the Deployment must keep the live count
        update("hpa", "web", spec -> spec.put("image", "balance/proxy:scaled"));

        await().atMost(WAIT).until(() -> image(get(Deployment.class, "hpa", "web")), "balance/proxy:scaled"::equals);
        assertThat(get(Deployment.class, "hpa", "web").getSpec().getReplicas()).isEqualTo(7);
    }

    @Test
    protected void removingAFeatureFromTheSpecDeletesItsObject() {
        create(Fixtures.copy(Fixtures.autoscaled(), "removal", "web", spec -> { }));
        await().atMost(WAIT).until(() -> get(HorizontalPodAutoscaler.class, "removal", "web"), h -> h != null);
        await().atMost(WAIT).until(() -> get(PodDisruptionBudget.class, "removal", "web"), p -> p != null);
        await().atMost(WAIT).until(() -> serviceMonitor("removal", "web"), m -> m != null);
        await().atMost(WAIT).until(() -> get(NetworkPolicy.class, "removal", "web-admin"), p -> p != null);

        update("removal", "web", spec -> {
            spec.remove("autoscaling");
            spec.remove("podDisruptionBudget");
            spec.remove("monitoring");
            spec.putObject("networkPolicy").put("enabled", false);
            spec.put("replicas", 3);
        });

        await().atMost(WAIT).until(() -> get(HorizontalPodAutoscaler.class, "removal", "web") == null);
        await().atMost(WAIT).until(() -> get(PodDisruptionBudget.class, "removal", "web") == null);
        await().atMost(WAIT).until(() -> serviceMonitor("removal", "web") == null);
        await().atMost(WAIT).until(() -> get(NetworkPolicy.class, "removal", "web-admin") == null);
        await().atMost(WAIT).until(() -> get(Deployment.class, "removal", "web").getSpec().getReplicas() == 3);
    }

    @Test
    void createsAServiceMonitorWhenItsCrdIsInstalled() {
        create(Fixtures.copy(Fixtures.autoscaled(), "monitoring", "web", spec -> { }));

        GenericKubernetesResource monitor = await().atMost(WAIT).until(() -> serviceMonitor("monitoring", "web"), m -> m != null);
        assertThat(monitor.getMetadata().getLabels()).containsEntry(Labels.INSTANCE, "web");
        assertThat(monitor.get("spec", "endpoints").toString()).contains("port=metrics");
        assertThat(monitor.get("spec", "targetLabels").toString()).contains(Labels.INSTANCE);
    }

    @Test
    protected void rejectsAnInvalidSpecWithEveryMessageAndAnEvent() {
        create(Fixtures.copy(Fixtures.quickstart(), "invalid", "bad", spec -> {
            spec.withObjectProperty("healthCheck").put("timeout", "10s"); // longer than the 5s interval
            spec.withObjectProperty("resilience").withObjectProperty("retry").put("maxAttempts", 50);
            spec.withObjectProperty("loadBalancer").put("algorithm", "fastest");
        }));

        assertRejectedWithAnEvent("invalid", "bad", "spec.loadBalancer.algorithm",
                "spec.healthCheck.timeout: must not exceed interval",
                "spec.resilience.retry.maxAttempts: must be between 1 and 10",
                "spec.loadBalancer.algorithm: unknown algorithm \"fastest\"");
    }

    /**
     * Waits for {@code Accepted=False/InvalidSpec} on the BalanceProxy, whose message holds every one
     * of {@code messages}; checks that nothing was built from it and that an InvalidSpec event
     * mentioning {@code eventText} was recorded.
     */
    protected void assertRejectedWithAnEvent(String namespace, String name, String eventText, String... messages) {
        BalanceProxy rejected = await().atMost(WAIT).until(() -> proxy(namespace, name),
                p -> p.getStatus() != null && p.getStatus().condition(Condition.ACCEPTED).isPresent());
        Condition accepted = rejected.getStatus().condition(Condition.ACCEPTED).orElseThrow();
        assertThat(accepted.status()).isEqualTo("False");
        assertThat(accepted.reason()).isEqualTo("InvalidSpec");
        assertThat(accepted.message()).contains(messages);
        assertThat(get(Deployment.class, namespace, name)).as("nothing is built from a rejected spec").isNull();
        await().atMost(WAIT).until(() -> client.v1().events().inNamespace(namespace).list().getItems(), events -> events.stream()
                .anyMatch(e -> "InvalidSpec".equals(e.getReason()) && name.equals(e.getInvolvedObject().getName())
                        && e.getMessage().contains(eventText)));
    }

    @Test
    void oneInvalidProxyDoesNotBlockAnother() {
        create(Fixtures.copy(Fixtures.quickstart(), "pair", "broken", spec -> spec.withObjectProperty("backend").putArray("addresses").add("nowhere")));
        create(Fixtures.copy(Fixtures.quickstart(), "pair", "fine", spec -> { }));

        await().atMost(WAIT).until(() -> get(Deployment.class, "pair", "fine"), d -> d != null);
        BalanceProxy broken = await().atMost(WAIT).until(() -> proxy("pair", "broken"),
                p -> p.getStatus() != null && p.getStatus().condition(Condition.ACCEPTED).isPresent());
        assertThat(broken.getStatus().condition(Condition.ACCEPTED).orElseThrow().message())
                .contains("spec.backend: set either serviceName (with port) or addresses, not both")
                .contains("spec.backend.addresses[0]");
        assertThat(get(Deployment.class, "pair", "broken")).isNull();
        await().atMost(WAIT).until(() -> proxy("pair", "fine"),
                p -> p.getStatus() != null && p.getStatus().condition(Condition.ACCEPTED).map(Condition::isTrue).orElse(false));
    }

    @Test
    protected void aRejectedUpdateLeavesTheRunningObjectsAsTheyWere() {
        create(Fixtures.copy(Fixtures.quickstart(), "rejected-update", "web", spec -> { }));
        await().atMost(WAIT).until(() -> get(Deployment.class, "rejected-update", "web"), d -> d != null);
        String config = await().atMost(WAIT).until(() -> get(ConfigMap.class, "rejected-update", "web-config"), c -> c != null)
                .getData().get(Names.CONFIG_KEY);

        update("rejected-update", "web", spec -> {
            spec.put("image", "balance/proxy:never");
            spec.withObjectProperty("timeouts").put("connect", "-1s");
        });

        BalanceProxy rejected = await().atMost(WAIT).until(() -> proxy("rejected-update", "web"),
                p -> p.getStatus() != null && p.getStatus().condition(Condition.ACCEPTED).map(c -> !c.isTrue()).orElse(false));
        assertThat(rejected.getStatus().condition(Condition.ACCEPTED).orElseThrow().message())
                .contains("spec.timeouts.connect: must be a positive duration");
        assertThat(rejected.getStatus().condition(Condition.ACCEPTED).orElseThrow().observedGeneration())
                .isEqualTo(rejected.getMetadata().getGeneration());
        assertThat(image(get(Deployment.class, "rejected-update", "web"))).isEqualTo(TestOperator.IMAGE);
        assertThat(get(ConfigMap.class, "rejected-update", "web-config").getData().get(Names.CONFIG_KEY)).isEqualTo(config);
    }

    @Test
    void aModeChangeWaitsForTheAnnotation() {
        create(Fixtures.copy(Fixtures.quickstart(), "mode", "web", spec -> { }));
        await().atMost(WAIT).until(() -> get(Deployment.class, "mode", "web"), d -> d != null);

        update("mode", "web", spec -> spec.put("mode", "tcp"));
        BalanceProxy held = await().atMost(WAIT).until(() -> proxy("mode", "web"),
                p -> p.getStatus() != null && p.getStatus().condition(Condition.ACCEPTED).map(c -> !c.isTrue()).orElse(false));
        assertThat(held.getStatus().condition(Condition.ACCEPTED).orElseThrow().message())
                .contains("spec.mode: changing mode from http to tcp").contains("balance.io/allow-mode-change");

        await().atMost(WAIT).ignoreExceptions().until(() -> {
            BalanceProxy live = proxy("mode", "web");
            live.getMetadata().getAnnotations().put("balance.io/allow-mode-change", "true");
            client.resource(live).update();
            return true;
        });
        await().atMost(WAIT).until(() -> get(Deployment.class, "mode", "web").getMetadata().getAnnotations().get("balance.io/mode"),
                "tcp"::equals);
        assertThat(get(Service.class, "mode", "web").getSpec().getPorts().get(0).getPort()).as("the spec's service port")
                .isEqualTo(80);
    }

    @Test
    protected void pushesTheEndpointSetToEveryPodAndReportsProgrammed() {
        create(Fixtures.copy(Fixtures.quickstart(), "sync", "web", spec -> { }));
        String hash = restartHash(await().atMost(WAIT).until(() -> get(Deployment.class, "sync", "web"), d -> d != null));
        client.resource(slice("sync", "web-backend-a", "http", 8080, "10.1.0.2", "10.1.0.1")).create();
        client.resource(slice("sync", "web-backend-b", "http", 8080, "10.1.0.3")).create();
        client.resource(proxyPod("sync", "web-0", "10.9.0.1", true)).create();
        client.resource(proxyPod("sync", "web-1", "10.9.0.2", true)).create();

        var admin = operator.admin();
        await().atMost(WAIT).until(() -> admin.backendsOf("10.9.0.1").size() == 3 && admin.backendsOf("10.9.0.2").size() == 3);
        assertThat(admin.backendsOf("10.9.0.1")).extracting(b -> b.name() + "=" + b.address())
                .containsExactly("backend-10.1.0.1=10.1.0.1:8080", "backend-10.1.0.2=10.1.0.2:8080", "backend-10.1.0.3=10.1.0.3:8080");
        String token = new String(java.util.Base64.getDecoder().decode(
                get(Secret.class, "sync", "web-admin-token").getData().get(Names.TOKEN_KEY)), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(admin.pushesTo("10.9.0.1")).allSatisfy(p -> assertThat(p.token()).isEqualTo(token));
        long version = admin.versionOf("10.9.0.1");

        BalanceProxy programmed = await().atMost(WAIT).until(() -> proxy("sync", "web"), p -> p.getStatus() != null
                && p.getStatus().endpoints() != null && p.getStatus().endpoints().count() == 3
                && p.getStatus().condition(Condition.PROGRAMMED).map(Condition::isTrue).orElse(false));
        assertThat(programmed.getStatus().endpoints().version()).isEqualTo(version);
        assertThat(programmed.getStatus().programmedReplicas()).isEqualTo(2);
        assertThat(programmed.getStatus().condition(Condition.PROGRAMMED).orElseThrow().message()).startsWith("2/2 pods programmed");
        ConfigMap config = await().atMost(WAIT).until(() -> get(ConfigMap.class, "sync", "web-config"),
                c -> c.getData().get(Names.BOOTSTRAP_KEY).contains("10.1.0.3:8080"));
        assertThat(config.getData().get(Names.CONFIG_KEY)).as("the bootstrap set is the file's backends list")
                .contains("address: 10.1.0.1:8080").contains("address: 10.1.0.3:8080");
        assertThat(io.balance.operator.model.BootstrapBackends.parse(config.getData().get(Names.BOOTSTRAP_KEY)).version())
                .isEqualTo(version);
        assertThat(restartHash(get(Deployment.class, "sync", "web"))).as("endpoints never restart pods").isEqualTo(hash);
        await().atMost(WAIT).until(() -> operator.registry().find("balance.operator.endpoint.sync.lag").timer().count() > 0);
    }

    @Test
    protected void resendsTheSetToAPodThatReportsAnOlderVersion() {
        create(Fixtures.copy(Fixtures.quickstart(), "resend", "web", spec -> { }));
        client.resource(slice("resend", "web-backend-a", "http", 8080, "10.2.0.1")).create();
        client.resource(proxyPod("resend", "web-0", "10.9.1.1", true)).create();
        var admin = operator.admin();
        await().atMost(WAIT).until(() -> admin.backendsOf("10.9.1.1").size() == 1);
        long version = admin.versionOf("10.9.1.1");
        int pushes = admin.pushesTo("10.9.1.1").size();

        admin.forget("10.9.1.1"); // the proxy process restarted and reports version 0

        await().atMost(WAIT).until(() -> admin.versionOf("10.9.1.1") == version);
        assertThat(admin.pushesTo("10.9.1.1").size()).isGreaterThan(pushes);
        assertThat(admin.backendsOf("10.9.1.1")).extracting(b -> b.address()).containsExactly("10.2.0.1:8080");
    }

    @Test
    protected void endpointChangesArePushedAndAnUnreachablePodIsDegraded() {
        create(Fixtures.copy(Fixtures.quickstart(), "degraded", "web", spec -> { }));
        client.resource(slice("degraded", "web-backend-a", "http", 8080, "10.3.0.1")).create();
        client.resource(proxyPod("degraded", "web-0", "10.9.2.1", true)).create();
        var admin = operator.admin();
        await().atMost(WAIT).until(() -> admin.backendsOf("10.9.2.1").size() == 1);
        admin.unreachable("10.9.2.2", true);
        client.resource(proxyPod("degraded", "web-1", "10.9.2.2", true)).create();

        BalanceProxy degraded = await().atMost(WAIT).until(() -> proxy("degraded", "web"),
                p -> p.getStatus() != null && p.getStatus().condition(Condition.DEGRADED).map(Condition::isTrue).orElse(false));
        assertThat(degraded.getStatus().condition(Condition.DEGRADED).orElseThrow().reason()).isEqualTo("EndpointSyncFailed");
        assertThat(degraded.getStatus().condition(Condition.DEGRADED).orElseThrow().message()).contains("web-1");
        assertThat(degraded.getStatus().condition(Condition.PROGRAMMED).orElseThrow().message()).startsWith("1/2 pods programmed");

        client.resource(slice("degraded", "web-backend-a", "http", 8080, "10.3.0.1", "10.3.0.2")).update();
        await().atMost(WAIT).until(() -> admin.backendsOf("10.9.2.1").size() == 2);
        admin.unreachable("10.9.2.2", false);
        BalanceProxy healed = await().atMost(WAIT).until(() -> proxy("degraded", "web"), p -> p.getStatus()
                .condition(Condition.PROGRAMMED).map(Condition::isTrue).orElse(false));
        assertThat(admin.backendsOf("10.9.2.2")).hasSize(2);
        assertThat(healed.getStatus().condition(Condition.DEGRADED).orElseThrow().status()).isEqualTo("False");
        assertThat(healed.getStatus().endpoints().count()).isEqualTo(2);
    }

    @Test
    protected void anEmptyServiceKeepsTheLastSetForTheGraceAndSaysSo() {
        create(Fixtures.copy(Fixtures.quickstart(), "grace", "web", spec -> { }));
        client.resource(slice("grace", "web-backend-a", "http", 8080, "10.4.0.1")).create();
        client.resource(proxyPod("grace", "web-0", "10.9.3.1", true)).create();
        var admin = operator.admin();
        await().atMost(WAIT).until(() -> admin.backendsOf("10.9.3.1").size() == 1);

        client.resource(slice("grace", "web-backend-a", "http", 8080)).update();

        await().atMost(WAIT).until(() -> proxy("grace", "web"), p -> p.getStatus().condition(Condition.DEGRADED)
                .map(c -> "EndpointsEmptyGrace".equals(c.reason())).orElse(false));
        assertThat(admin.backendsOf("10.9.3.1")).as("held during the grace").hasSize(1);
        await().atMost(WAIT).until(() -> admin.backendsOf("10.9.3.1").isEmpty());
        await().atMost(WAIT).until(() -> proxy("grace", "web"), p -> p.getStatus().endpoints().count() == 0);
    }

    @Test
    protected void reprogramsAProxyWhoseContainerRestartedWithoutWaitingForTheStatusPoll() {
        create(Fixtures.copy(Fixtures.quickstart(), "crashed", "web", spec -> { }));
        client.resource(slice("crashed", "web-backend-a", "http", 8080, "10.6.0.1")).create();
        client.resource(proxyPod("crashed", "web-0", "10.9.5.1", true)).create();
        var admin = operator.admin();
        await().atMost(WAIT).until(() -> admin.backendsOf("10.9.5.1").size() == 1);
        long version = admin.versionOf("10.9.5.1");
        admin.statusUnanswered("10.9.5.1", true); // the poll cannot tell: only the Pod's container status can
        admin.forget("10.9.5.1"); // the new proxy process starts without the pushed set

        client.pods().inNamespace("crashed").withName("web-0").editStatus(pod -> {
            pod.getStatus().setContainerStatuses(List.of(new io.fabric8.kubernetes.api.model.ContainerStatusBuilder()
                    .withName(Names.CONTAINER).withRestartCount(1).withStarted(true).withReady(true).build()));
            return pod;
        });

        await().atMost(WAIT).until(() -> admin.versionOf("10.9.5.1") == version);
        assertThat(admin.backendsOf("10.9.5.1")).extracting(b -> b.address()).containsExactly("10.6.0.1:8080");
    }

    @Test
    protected void programsANewPodOnceItRunsWithAnIp() {
        create(Fixtures.copy(Fixtures.quickstart(), "newpod", "web", spec -> { }));
        client.resource(slice("newpod", "web-backend-a", "http", 8080, "10.7.0.1")).create();
        await().atMost(WAIT).until(() -> proxy("newpod", "web"), p -> p.getStatus() != null
                && p.getStatus().endpoints() != null && p.getStatus().endpoints().count() == 1);
        var pending = proxyPod("newpod", "web-0", null, false);
        pending.getStatus().setPhase("Pending");
        client.resource(pending).create();
        var admin = operator.admin();
        admin.failNext("10.9.6.1", 2); // the admin port does not answer at first

        client.pods().inNamespace("newpod").withName("web-0").editStatus(pod -> {
            pod.getStatus().setPhase("Running");
            pod.getStatus().setPodIP("10.9.6.1");
            return pod;
        });

        await().atMost(WAIT).until(() -> admin.backendsOf("10.9.6.1").size() == 1);
        assertThat(admin.pushesTo("10.9.6.1")).hasSize(3);
    }

    @Test
    protected void aServicePortNumberFindsTheSlicesPortThroughTheServicePortsName() {
        client.resource(new io.fabric8.kubernetes.api.model.ServiceBuilder()
                .withNewMetadata().withNamespace("byport").withName("web-backend").endMetadata()
                .withNewSpec().addNewPort().withName("http").withPort(80).withNewTargetPort(8080).endPort().endSpec()
                .build()).create();
        create(Fixtures.copy(Fixtures.quickstart(), "byport", "web", spec -> spec.withObjectProperty("backend").put("port", 80)));
        client.resource(slice("byport", "web-backend-a", "http", 8080, "10.5.0.1")).create();
        client.resource(proxyPod("byport", "web-0", "10.9.4.1", true)).create();

        await().atMost(WAIT).until(() -> operator.admin().backendsOf("10.9.4.1").size() == 1);
        assertThat(operator.admin().backendsOf("10.9.4.1")).extracting(b -> b.address()).containsExactly("10.5.0.1:8080");
    }

    @Test
    void countsProxiesByCondition() {
        create(Fixtures.copy(Fixtures.quickstart(), "gauges", "web", spec -> { }));
        await().atMost(WAIT).until(() -> operator.registry().find("balance.operator.proxies").tag("condition", "Accepted")
                .gauge().value() >= 1);
        assertThat(operator.registry().find("balance.operator.proxies").gauges()).extracting(g -> g.getId().getTag("condition"))
                .contains("Accepted", "Programmed", "Ready", "Degraded");
    }

    private static io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice slice(String namespace, String name, String portName,
            int port, String... ips) {
        var builder = new io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder()
                .withNewMetadata().withNamespace(namespace).withName(name)
                    .addToLabels("kubernetes.io/service-name", "web-backend").endMetadata()
                .withAddressType("IPv4")
                .addNewPort().withName(portName).withPort(port).withProtocol("TCP").endPort();
        for (String ip : ips) {
            builder.addNewEndpoint().withAddresses(ip).withNewConditions().withReady(true).endConditions()
                    .withNewTargetRef().withKind("Pod").withName("backend-" + ip).withNamespace(namespace).endTargetRef()
                    .endEndpoint();
        }
        return builder.build();
    }

    /** A proxy pod as the Deployment would make it, running with an IP. */
    private static io.fabric8.kubernetes.api.model.Pod proxyPod(String namespace, String name, String ip, boolean ready) {
        return new io.fabric8.kubernetes.api.model.PodBuilder()
                .withNewMetadata().withNamespace(namespace).withName(name).withUid(java.util.UUID.randomUUID().toString())
                    .addToLabels(Labels.NAME, Labels.APP).addToLabels(Labels.INSTANCE, "web").endMetadata()
                .withNewSpec().addNewContainer().withName("proxy").withImage(TestOperator.IMAGE).endContainer().endSpec()
                .withNewStatus().withPhase("Running").withPodIP(ip)
                    .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
                .endStatus()
                .build();
    }

    @Test
    void countsReconcilesByResult() {
        create(Fixtures.copy(Fixtures.quickstart(), "metrics", "web", spec -> { }));
        await().atMost(WAIT).until(() -> operator.registry().find("balance.operator.reconcile").tag("result", "success")
                .counter().count() > 0);
        assertThat(operator.registry().find("balance.operator.reconcile.duration").timer()).isNotNull();
    }

    protected BalanceProxy create(BalanceProxy proxy) {
        prepareNamespace(proxy.getMetadata().getNamespace());
        return client.resource(proxy).create();
    }

    /** Edits the spec as a user would, trying again when the operator's status patch got in between. */
    protected void update(String namespace, String name,
            java.util.function.Consumer<com.fasterxml.jackson.databind.node.ObjectNode> edit) {
        await().atMost(WAIT).ignoreExceptions().until(() -> {
            client.resource(Fixtures.edited(proxy(namespace, name), edit)).update();
            return true;
        });
    }

    protected BalanceProxy proxy(String namespace, String name) {
        return client.resources(BalanceProxy.class).inNamespace(namespace).withName(name).get();
    }

    protected <T extends HasMetadata> T get(Class<T> type, String namespace, String name) {
        return client.resources(type).inNamespace(namespace).withName(name).get();
    }

    protected GenericKubernetesResource serviceMonitor(String namespace, String name) {
        var context = new ResourceDefinitionContext.Builder().withGroup("monitoring.coreos.com").withVersion("v1")
                .withKind("ServiceMonitor").withPlural("servicemonitors").withNamespaced(true).build();
        return client.genericKubernetesResources(context).inNamespace(namespace).withName(name).get();
    }

    protected static String image(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    }

    protected static String restartHash(Deployment deployment) {
        return deployment.getSpec().getTemplate().getMetadata().getAnnotations().get(RestartHash.ANNOTATION);
    }

    /** What the Deployment controller and kubelets would write once every pod is up. */
    protected void rolledOut(Deployment deployment, int replicas) {
        client.resource(deployment).editStatus(d -> {
            d.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder()
                    .withObservedGeneration(d.getMetadata().getGeneration())
                    .withReplicas(replicas).withUpdatedReplicas(replicas).withReadyReplicas(replicas).withAvailableReplicas(replicas)
                    .build());
            return d;
        });
    }
}
