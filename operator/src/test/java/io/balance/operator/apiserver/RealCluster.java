package io.balance.operator.apiserver;

import static org.awaitility.Awaitility.await;

import io.balance.operator.RepoFiles;
import io.balance.operator.cluster.ApiCapabilities;
import io.balance.operator.mock.MockCluster;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Client and setup for a kube-apiserver started by kube-api-test: CRDs, namespaces. */
final class RealCluster {
    static final Duration WAIT = Duration.ofSeconds(60);

    private RealCluster() {
    }

    /** A client for the server, with absent optional APIs asked about again quickly. */
    static KubernetesClient client(String kubeConfigYaml) {
        KubernetesClient client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeConfigYaml)).build();
        ApiCapabilities.register(client, Duration.ofMillis(500));
        return client;
    }

    /** The committed CRD ({@code crds/} at the repository root), as a user installs it. */
    static Path committedCrd() {
        return RepoFiles.root().resolve("crds/balanceproxies.balance.io-v1.yml");
    }

    /** Installs the BalanceProxy CRD and waits until the server serves it. */
    static CustomResourceDefinition installBalanceProxyCrd(KubernetesClient client) {
        CustomResourceDefinition crd;
        try (InputStream in = Files.newInputStream(committedCrd())) {
            crd = client.apiextensions().v1().customResourceDefinitions().load(in).create();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return established(client, crd.getMetadata().getName());
    }

    /** The ServiceMonitor CRD the scenarios expect (a minimal one, as on the mock tier). */
    static void installServiceMonitorCrd(KubernetesClient client) {
        MockCluster.installServiceMonitorCrd(client);
        established(client, "servicemonitors.monitoring.coreos.com");
    }

    static CustomResourceDefinition established(KubernetesClient client, String name) {
        return await().atMost(WAIT).until(() -> client.apiextensions().v1().customResourceDefinitions().withName(name).get(),
                crd -> crd != null && crd.getStatus() != null && crd.getStatus().getConditions() != null // none yet, just created
                        && crd.getStatus().getConditions().stream()
                        .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus())));
    }

    /** A real server refuses objects in a namespace that does not exist (NamespaceLifecycle). */
    static void namespace(KubernetesClient client, String name) {
        if (client.namespaces().withName(name).get() == null) {
            client.resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build()).create();
        }
    }
}
