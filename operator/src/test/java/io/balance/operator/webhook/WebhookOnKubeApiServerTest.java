package io.balance.operator.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.balance.operator.Fixtures;
import io.balance.operator.RepoFiles;
import io.balance.operator.crd.BalanceProxy;
import io.fabric8.kubeapitest.junit.EnableKubeAPIServer;
import io.fabric8.kubeapitest.junit.KubeConfig;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A real kube-apiserver (1.20, kube-api-test) calling the webhook over TLS with the caBundle the
 * operator patched. The webhook runs on this machine, so its configuration uses
 * {@code url: https://127.0.0.1:<port>/validate} instead of a Service.
 */
@EnableKubeAPIServer(kubeAPIVersion = "1.20.2", apiServerFlags = {"--bind-address", "127.0.0.1"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebhookOnKubeApiServerTest {
    @KubeConfig
    static String kubeConfigYaml;

    private static KubernetesClient client;
    private static AdmissionWebhook webhook;
    private static WebhookSettings settings;
    /** The operator's clock: starts 300 days back, so the first certificate is due for renewal when it jumps to now. */
    private static final AtomicReference<Instant> NOW = new AtomicReference<>(Instant.now().minus(Duration.ofDays(300)));

    @BeforeAll
    static void installCrd() throws IOException {
        client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeConfigYaml)).build();
        try (InputStream in = Files.newInputStream(RepoFiles.root().resolve("crds").resolve("balanceproxies.balance.io-v1.yml"))) {
            CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions().load(in).item();
            client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(client.apiextensions().v1()
                .customResourceDefinitions().withName(BalanceProxy.CRD_NAME).get().getStatus().getConditions())
                .anySatisfy(c -> assertThat(c.getType() + "=" + c.getStatus()).isEqualTo("Established=True")));
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> client.resources(BalanceProxy.class).inNamespace("default").list() != null);
    }

    @AfterAll
    static void stop() {
        if (webhook != null) {
            webhook.close();
        }
        if (client != null) {
            client.close();
        }
    }

    @Test
    @Order(1)
    void anUnreachableWebhookAtIgnoreNeverLocksUsersOutAndIsNotPromotedToFail() throws Exception {
        WebhookSettings dead = settings(freePort()).withUrl(null);
        dead = new WebhookSettings(true, dead.port(), "default", "unused", "unused", "balance-operator-unreachable", false,
                "https://127.0.0.1:" + dead.port() + WebhookServer.PATH, dead.certificateValidity(), dead.checkInterval(),
                dead.reloadDelay());
        WebhookConfigurations configurations = new WebhookConfigurations(client, dead);
        configurations.ensure(WebhookTls.issue(dead.servingNames(), Instant.now(), Duration.ofDays(1)).caBundle());
        assertThat(configurations.failurePolicy()).isEqualTo(WebhookConfigurationModel.IGNORE);

        FailurePolicyGate gate = new FailurePolicyGate(client, "default");
        assertThat(gate.check()).isEqualTo(FailurePolicyGate.Verdict.NOT_ENFORCED);
        BalanceProxy created = client.resource(Fixtures.copy(Fixtures.quickstart(), "default", "while-broken", s -> { })).create();
        assertThat(created.getMetadata().getUid()).isNotBlank();
        assertThat(configurations.failurePolicy()).isEqualTo(WebhookConfigurationModel.IGNORE);

        client.resource(created).delete();
        client.admissionRegistration().v1().validatingWebhookConfigurations().withName(dead.configurationName()).delete();
    }

    @Test
    @Order(2)
    void theLeaderIssuesTheCertificatePatchesTheCaBundleAndSwitchesToFailAfterTheProbeIsDenied() throws Exception {
        settings = settings(freePort());
        webhook = new AdmissionWebhook(client, settings, () -> true, clock()).start();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(new WebhookConfigurations(client, settings).failurePolicy()).isEqualTo(WebhookConfigurationModel.FAIL));
        var configuration = new WebhookConfigurations(client, settings).get();
        var hook = WebhookConfigurations.webhook(configuration);
        assertThat(hook.getTimeoutSeconds()).isLessThanOrEqualTo(5);
        assertThat(hook.getSideEffects()).isEqualTo("None");
        assertThat(hook.getClientConfig().getUrl()).isEqualTo(settings.url());
        WebhookTls stored = new CertificateStore(client, "default", settings.secretName()).load().orElseThrow().tls();
        assertThat(hook.getClientConfig().getCaBundle()).isEqualTo(WebhookConfigurationModel.caBundle(stored.caBundle()));
        assertThat(client.secrets().inNamespace("default").withName(settings.secretName()).get().getType())
                .isEqualTo("kubernetes.io/tls");
        // the probe was a dry run: nothing was stored
        assertThat(client.resources(BalanceProxy.class).inNamespace("default").withName(FailurePolicyGate.PROBE_NAME).get()).isNull();
    }

    @Test
    @Order(3)
    void anInvalidBalanceProxyIsRejectedWithEveryProblemAndAValidOneIsAdmitted() {
        BalanceProxy bad = Fixtures.copy(Fixtures.quickstart(), "default", "bad", s -> {
            s.put("port", 9090);
            s.putObject("podDisruptionBudget").put("maxUnavailable", 0);
            s.withObjectProperty("loadBalancer").put("algorithm", "ip-hash").put("hashKey", "header:X-User");
        });
        assertThatThrownBy(() -> client.resource(bad).create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(422);
                    assertThat(e.getMessage())
                            .contains("admission webhook \"validate.balance.io\" denied the request")
                            .contains("spec.adminPort: must differ from port (9090)")
                            .contains("spec.podDisruptionBudget.maxUnavailable: 0 blocks every voluntary eviction")
                            .contains("spec.loadBalancer.hashKey: ip-hash always hashes the client address");
                });
        assertThat(client.resources(BalanceProxy.class).inNamespace("default").withName("bad").get()).isNull();

        BalanceProxy good = client.resource(Fixtures.copy(Fixtures.quickstart(), "default", "good", s -> { })).create();
        assertThat(good.getMetadata().getUid()).isNotBlank();
    }

    @Test
    @Order(4)
    void aModeChangeIsRejectedOnUpdateUnlessTheAnnotationOptsIn() {
        BalanceProxy live = client.resources(BalanceProxy.class).inNamespace("default").withName("good").get();
        BalanceProxy tcp = Fixtures.edited(live, s -> s.put("mode", "tcp"));
        assertThatThrownBy(() -> client.resource(tcp).update())
                .hasMessageContaining("spec.mode: changing mode from http to tcp");

        tcp.getMetadata().setAnnotations(java.util.Map.of("balance.io/allow-mode-change", "true"));
        assertThat(client.resource(tcp).update().getSpec().mode()).isEqualTo("tcp");
    }

    @Test
    @Order(5)
    void rotatesTheCertificateWhileTheApiServerKeepsCallingWithoutAFailedCall() throws Exception {
        CertificateStore store = new CertificateStore(client, "default", settings.secretName());
        WebhookTls before = store.load().orElseThrow().tls();
        List<String> unexpected = new CopyOnWriteArrayList<>();
        AtomicBoolean running = new AtomicBoolean(true);
        int[] calls = {0};
        Thread caller = new Thread(() -> {
            while (running.get()) {
                try {
                    client.resource(Fixtures.copy(Fixtures.quickstart(), "default", "during-rotation", s -> s.put("port", 9090)))
                            .dryRun().create();
                    unexpected.add("admitted");
                } catch (KubernetesClientException e) {
                    if (!e.getMessage().contains("spec.adminPort: must differ from port")) {
                        unexpected.add(e.getMessage());
                    }
                } catch (RuntimeException e) {
                    unexpected.add(e.toString());
                }
                calls[0]++;
            }
        });
        caller.start();
        try {
            NOW.set(Instant.now()); // the first certificate now has less than a third of its life left
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                WebhookTls now = store.load().orElseThrow().tls();
                assertThat(now.currentCa()).isNotEqualTo(before.currentCa());
                assertThat(now.trusted()).containsExactly(now.currentCa(), before.currentCa());
                var bundle = WebhookConfigurations.webhook(new WebhookConfigurations(client, settings).get()).getClientConfig().getCaBundle();
                assertThat(bundle).isEqualTo(WebhookConfigurationModel.caBundle(now.caBundle()));
            });
            WebhookTls rotated = store.load().orElseThrow().tls();
            // the server shows the new certificate (after the reload delay) without a restart
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                    assertThat(new TrustingClient(List.of(rotated.currentCa()))
                            .post(settings.url(), Reviews.create(Fixtures.quickstart())).statusCode()).isEqualTo(200));
            int seen = calls[0];
            await().atMost(Duration.ofSeconds(30)).until(() -> calls[0] > seen + 5);
        } finally {
            running.set(false);
            caller.join(10_000);
        }
        assertThat(unexpected).isEmpty();
        assertThat(calls[0]).isGreaterThan(10);
    }

    @Test
    @Order(6)
    void aFollowerLoadsTheLeadersCertificateAndNeverWritesIt() throws Exception {
        String before = client.secrets().inNamespace("default").withName(settings.secretName()).get().getMetadata().getResourceVersion();
        WebhookSettings followerSettings = settings.withPort(freePort());
        try (AdmissionWebhook follower = new AdmissionWebhook(client, followerSettings, () -> false, Clock.systemUTC()).start()) {
            await().atMost(Duration.ofSeconds(30)).until(follower::serving);
            WebhookTls stored = new CertificateStore(client, "default", settings.secretName()).load().orElseThrow().tls();
            var response = new TrustingClient(List.of(stored.currentCa()))
                    .post("https://127.0.0.1:" + follower.port() + WebhookServer.PATH, Reviews.create(Fixtures.quickstart()));
            assertThat(response.statusCode()).isEqualTo(200);
            Thread.sleep(1500); // a few rounds of upkeep
        }
        assertThat(client.secrets().inNamespace("default").withName(settings.secretName()).get().getMetadata().getResourceVersion())
                .isEqualTo(before);
    }

    private static WebhookSettings settings(int port) {
        return WebhookSettings.fromEnvironment(java.util.Map.of(), "default")
                .withPort(port)
                .withUrl("https://127.0.0.1:" + port + WebhookServer.PATH)
                .withTiming(Duration.ofDays(365), Duration.ofMillis(500), Duration.ofSeconds(3));
    }

    private static Clock clock() {
        return new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return NOW.get();
            }
        };
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
