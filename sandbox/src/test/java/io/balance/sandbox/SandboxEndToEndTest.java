package io.balance.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.balance.proxy.ProxyServer;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole sandbox, end to end: the real operator on the embedded API server, real proxies run
 * by the node simulator, real demo backends. BalanceProxies with static backend addresses run
 * Ready pods on their own; the quickstart (a Service as backend) needs the operator's endpoint
 * sync to push the backends.
 */
class SandboxEndToEndTest {
    static final Duration PATIENCE = Duration.ofSeconds(60);
    static final ResourceDefinitionContext BALANCE_PROXIES = new ResourceDefinitionContext.Builder()
            .withGroup("balance.io").withVersion("v1alpha1").withPlural("balanceproxies").withKind("BalanceProxy")
            .withNamespaced(true).build();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    static Path workDir;
    static Sandbox sandbox;

    @BeforeAll
    static void startSandbox() {
        sandbox = Sandbox.start(Sandbox.Options.defaults(workDir).withBackends(3));
    }

    @AfterAll
    static void stopSandbox() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @AfterEach
    void deleteEveryBalanceProxy() {
        sandbox.client().genericKubernetesResources(BALANCE_PROXIES).inNamespace("default").delete();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(sandbox.node().allPods()).isEmpty());
        resetBackends(sandbox.backends(), 3);
    }

    /** Back to exactly backend-1 .. backend-{@code count} (127.0.0.101 ...), whatever a test added or removed. */
    static void resetBackends(DemoBackends backends, int count) {
        Set<String> wanted = new HashSet<>();
        for (int i = 1; i <= count; i++) {
            wanted.add("backend-" + i);
        }
        for (String name : List.copyOf(backends.list().keySet())) {
            if (!wanted.contains(name)) {
                backends.remove(name);
            }
        }
        for (int i = 0; i < count && backends.list().size() < count; i++) {
            backends.add(); // takes the lowest free address: fills the gaps among backend-1 .. backend-count
        }
        assertThat(backends.list().keySet()).containsExactlyInAnyOrderElementsOf(wanted);
    }

    static String proxy(String name, int replicas, String algorithm) {
        return """
                apiVersion: balance.io/v1alpha1
                kind: BalanceProxy
                metadata: {name: %s, namespace: default}
                spec:
                  mode: http
                  replicas: %d
                  backend: {addresses: ["127.0.0.101:8080", "127.0.0.102:8080"]}
                  loadBalancer: {algorithm: %s}
                """.formatted(name, replicas, algorithm);
    }

    /**
     * {@link Sandbox#apply} retried on 409: it updates with the resourceVersion it just read, and the operator
     * (finalizer, status) may write the BalanceProxy in between. Bounded: 5 tries.
     */
    static void apply(String yaml) {
        for (int attempt = 1; ; attempt++) {
            try {
                sandbox.apply(yaml);
                return;
            } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
                if (e.getCode() != 409 || attempt >= 5) {
                    throw e;
                }
            }
        }
    }

    static List<ProxyPod> runningPods(String name, int count) {
        List<ProxyPod> pods = sandbox.node().pods("default", name);
        assertThat(pods).hasSize(count);
        assertThat(pods).allSatisfy(p -> assertThat(p.ready()).as(p + " ready").isTrue());
        assertThat(podObjects(name)).hasSize(count).allSatisfy(p -> assertThat(readyCondition(p)).isEqualTo("True"));
        return pods;
    }

    static List<Pod> podObjects(String name) {
        return sandbox.client().pods().inNamespace("default").withLabel("app.kubernetes.io/instance", name).list().getItems();
    }

    static String readyCondition(Pod pod) {
        return pod.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType())).map(c -> c.getStatus())
                .findFirst().orElse("missing");
    }

    static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static boolean answers(String url) {
        try {
            get(url);
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static Set<String> backendsAnswering(String url, int requests) throws IOException, InterruptedException {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < requests; i++) {
            HttpResponse<String> response = get(url);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            seen.add(response.headers().firstValue("X-Backend").orElse("?"));
        }
        return seen;
    }

    @Test
    void proxyWithStaticBackendsRunsReadyPodsThatServeTraffic() throws Exception {
        apply(proxy("static", 2, "round-robin"));

        await().atMost(PATIENCE).untilAsserted(() -> runningPods("static", 2));
        List<ProxyPod> pods = sandbox.node().pods("default", "static");
        assertThat(pods).extracting(ProxyPod::ip).doesNotHaveDuplicates().allMatch(ip -> ip.startsWith("127.0.0."));
        assertThat(backendsAnswering(pods.get(0).trafficUrl() + "/", 10)).containsExactlyInAnyOrder("backend-1", "backend-2");
        await().atMost(PATIENCE).untilAsserted(() -> {
            Deployment deployment = sandbox.client().apps().deployments().inNamespace("default").withName("static").get();
            assertThat(deployment.getStatus().getReadyReplicas()).isEqualTo(2);
            assertThat(deployment.getStatus().getUpdatedReplicas()).isEqualTo(2);
            assertThat(deployment.getStatus().getObservedGeneration()).isEqualTo(deployment.getMetadata().getGeneration());
            var status = sandbox.client().genericKubernetesResources(BALANCE_PROXIES).inNamespace("default").withName("static").get()
                    .getAdditionalProperties().get("status");
            assertThat(status).asString().contains("readyReplicas=2");
        });
    }

    @Test
    void podTemplateChangeReplacesThePods() throws Exception {
        apply(proxy("moved", 2, "round-robin"));
        await().atMost(PATIENCE).untilAsserted(() -> runningPods("moved", 2));
        List<ProxyPod> before = sandbox.node().pods("default", "moved");

        apply(proxy("moved", 2, "round-robin") + "  port: 8081\n");

        await().atMost(PATIENCE).untilAsserted(() -> {
            List<ProxyPod> after = runningPods("moved", 2);
            assertThat(after).doesNotContainAnyElementsOf(before);
            assertThat(after).allSatisfy(p -> assertThat(p.trafficUrl()).endsWith(":8081"));
            assertThat(get(after.get(0).trafficUrl() + "/").statusCode()).isEqualTo(200);
            assertThat(podObjects("moved")).extracting(p -> p.getMetadata().getName())
                    .doesNotContainAnyElementsOf(before.stream().map(ProxyPod::name).toList());
        });
    }

    @Test
    void instancesFollowTheReplicaCountUpAndDown() {
        apply(proxy("scaled", 1, "round-robin"));
        await().atMost(PATIENCE).untilAsserted(() -> runningPods("scaled", 1));
        ProxyPod first = sandbox.node().pods("default", "scaled").get(0);

        apply(proxy("scaled", 3, "round-robin"));
        await().atMost(PATIENCE).untilAsserted(() -> runningPods("scaled", 3));
        List<ProxyPod> three = sandbox.node().pods("default", "scaled");
        assertThat(three.get(0)).isSameAs(first);

        apply(proxy("scaled", 1, "round-robin"));
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(runningPods("scaled", 1)).containsExactly(first);
            assertThat(answers(three.get(1).adminUrl() + "/health")).isFalse();
            assertThat(answers(three.get(2).adminUrl() + "/health")).isFalse();
        });
    }

    @Test
    void algorithmChangeIsAppliedWithoutRestartingPods() throws Exception {
        apply(proxy("hot", 2, "round-robin"));
        await().atMost(PATIENCE).untilAsserted(() -> runningPods("hot", 2));
        List<ProxyPod> before = sandbox.node().pods("default", "hot");
        Map<ProxyServer, String> servers = new IdentityHashMap<>();
        before.forEach(p -> servers.put(p.server(), p.name()));
        assertThat(get(before.get(0).adminUrl() + "/status").body()).contains("\"algorithm\" : \"round-robin\"");

        apply(proxy("hot", 2, "least-connections"));

        await().atMost(PATIENCE).untilAsserted(() -> {
            for (ProxyPod pod : sandbox.node().pods("default", "hot")) {
                assertThat(get(pod.adminUrl() + "/status").body()).contains("\"algorithm\" : \"least-connections\"");
            }
        });
        List<ProxyPod> after = sandbox.node().pods("default", "hot");
        assertThat(after).containsExactlyElementsOf(before);
        assertThat(after).allSatisfy(p -> {
            assertThat(servers).containsKey(p.server());
            assertThat(p.restarts()).isZero();
        });
        assertThat(podObjects("hot")).extracting(p -> p.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(before.stream().map(ProxyPod::name).toList());
    }

    @Test
    void killedProxyIsRestartedInTheSamePod() {
        apply(proxy("crashy", 1, "round-robin"));
        await().atMost(PATIENCE).untilAsserted(() -> runningPods("crashy", 1));
        ProxyPod pod = sandbox.node().pods("default", "crashy").get(0);
        ProxyServer crashed = pod.server();

        sandbox.node().kill(pod);

        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(runningPods("crashy", 1)).containsExactly(pod);
            assertThat(pod.restarts()).isEqualTo(1);
            assertThat(pod.server()).isNotNull().isNotSameAs(crashed);
            assertThat(answers(pod.trafficUrl() + "/")).isTrue();
            assertThat(podObjects("crashy").get(0).getStatus().getContainerStatuses().get(0).getRestartCount()).isEqualTo(1);
        });
    }

    @Test
    void deletingTheProxyStopsItsPodsAndDeletesWhatItOwned() {
        apply(proxy("doomed", 2, "round-robin"));
        await().atMost(PATIENCE).untilAsserted(() -> runningPods("doomed", 2));
        List<ProxyPod> pods = sandbox.node().pods("default", "doomed");

        sandbox.client().genericKubernetesResources(BALANCE_PROXIES).inNamespace("default").withName("doomed").delete();

        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(sandbox.node().pods("default", "doomed")).isEmpty();
            assertThat(podObjects("doomed")).isEmpty();
            assertThat(pods).allSatisfy(p -> assertThat(answers(p.adminUrl() + "/health")).isFalse());
            var client = sandbox.client();
            assertThat(client.apps().deployments().inNamespace("default").withName("doomed").get()).isNull();
            assertThat(client.configMaps().inNamespace("default").withName("doomed-config").get()).isNull();
            assertThat(client.secrets().inNamespace("default").withName("doomed-admin-token").get()).isNull();
            assertThat(client.services().inNamespace("default").withName("doomed").get()).isNull();
            assertThat(client.services().inNamespace("default").withName("doomed-admin").get()).isNull();
        });
    }

    /** Needs the operator's endpoint sync (EndpointSlices of web-backend pushed to every pod). */
    @Test
    void quickstartSpreadsTrafficOverTheServiceEndpointsAndFollowsThemAtRunTime() throws Exception {
        sandbox.applyQuickstart();
        await().atMost(PATIENCE).untilAsserted(() -> runningPods("web", 2));
        String url = sandbox.node().pods("default", "web").get(0).trafficUrl() + "/";

        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(backendsAnswering(url, 30)).containsExactlyInAnyOrder("backend-1", "backend-2", "backend-3"));

        String added = sandbox.backends().add();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(backendsAnswering(url, 40)).contains(added));

        sandbox.backends().remove("backend-1");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(backendsAnswering(url, 40))
                .doesNotContain("backend-1").containsExactlyInAnyOrder("backend-2", "backend-3", added));
    }

    @Test
    void kubectlListsTheBalanceProxy() throws Exception {
        Path kubectl = Kubectl.find();
        apply(proxy("listed", 1, "round-robin"));

        Kubectl.Result get = Kubectl.run(kubectl, sandbox.kubeconfig(), "get", "bp", "-o", "name");
        assertThat(get.exitCode()).as(get.output()).isZero();
        assertThat(get.output()).contains("balanceproxy.balance.io/listed");

        Kubectl.Result yaml = Kubectl.run(kubectl, sandbox.kubeconfig(), "get", "bp", "listed", "-o", "yaml");
        assertThat(yaml.exitCode()).as(yaml.output()).isZero();
        assertThat(yaml.output()).contains("kind: BalanceProxy").contains("algorithm: round-robin");

        Kubectl.Result resources = Kubectl.run(kubectl, sandbox.kubeconfig(), "api-resources");
        assertThat(resources.exitCode()).as(resources.output()).isZero();
        assertThat(resources.output()).contains("balanceproxies").contains("endpointslices").contains("deployments");

        await().atMost(PATIENCE).untilAsserted(() -> {
            Kubectl.Result all = Kubectl.run(kubectl, sandbox.kubeconfig(), "get", "deploy,svc,cm,endpointslices", "-o", "name");
            assertThat(all.exitCode()).as(all.output()).isZero();
            assertThat(all.output()).contains("deployment.apps/listed", "service/listed", "configmap/listed-config",
                    "endpointslice.discovery.k8s.io/" + DemoBackends.SLICE);
        });

        Kubectl.Result delete = Kubectl.run(kubectl, sandbox.kubeconfig(), "delete", "bp", "listed");
        assertThat(delete.exitCode()).as(delete.output()).isZero();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(sandbox.node().pods("default", "listed")).isEmpty());
    }

    @Test
    void kubectlWrapperAppliesAndReappliesBuiltInKinds() throws Exception {
        Path kubectl = Kubectl.find();
        Path file = workDir.resolve("cm.yaml");
        java.nio.file.Files.writeString(file, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: applied}\ndata: {a: \"1\"}\n");
        Map<String, String> env = Map.of("KUBECTL", kubectl.toString());

        assertThat(Kubectl.runWrapper(sandbox.kubectl(), env, "apply", "-f", file.toString()).exitCode()).isZero();
        java.nio.file.Files.writeString(file, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: applied}\ndata: {a: \"2\"}\n");
        Kubectl.Result reapply = Kubectl.runWrapper(sandbox.kubectl(), env, "apply", "-f", file.toString());

        assertThat(reapply.exitCode()).as(reapply.output()).isZero();
        assertThat(sandbox.client().configMaps().inNamespace("default").withName("applied").get().getData())
                .containsEntry("a", "2");
        sandbox.client().configMaps().inNamespace("default").withName("applied").delete();
    }

}
