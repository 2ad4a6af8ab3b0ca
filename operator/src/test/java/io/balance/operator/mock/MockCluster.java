package io.balance.operator.mock;

import io.balance.operator.RepoFiles;
import io.balance.operator.cluster.ApiCapabilities;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tier (a): the fabric8 mock API server in CRUD mode with the generated BalanceProxy CRD loaded,
 * answering discovery for the built-in APIs the test chooses. It has no server-side apply,
 * no schema validation, no garbage collector and no controllers.
 */
public final class MockCluster implements AutoCloseable {
    public static final Map<String, String[]> ALL_BUILT_IN = Map.of(
            "apps/v1", new String[] {"Deployment", "deployments", "true"},
            "autoscaling/v2", new String[] {"HorizontalPodAutoscaler", "horizontalpodautoscalers", "true"},
            "policy/v1", new String[] {"PodDisruptionBudget", "poddisruptionbudgets", "true"},
            "networking.k8s.io/v1", new String[] {"NetworkPolicy", "networkpolicies", "true"},
            "discovery.k8s.io/v1", new String[] {"EndpointSlice", "endpointslices", "true"},
            "coordination.k8s.io/v1", new String[] {"Lease", "leases", "true"});

    private final KubernetesMockServer server;
    private final KubernetesClient client;

    @SuppressWarnings("deprecation") // the mock's Context still wants the static JSON mapper
    private MockCluster(Map<String, String[]> builtIns, boolean monitoringCrd) {
        var responses = new HashMap<io.fabric8.mockwebserver.ServerRequest, java.util.Queue<io.fabric8.mockwebserver.ServerResponse>>();
        var dispatcher = new DiscoveryDispatcher(new KubernetesMixedDispatcher(responses), builtIns);
        server = new KubernetesMockServer(new Context(Serialization.jsonMapper()), new MockWebServer(), responses, dispatcher, false);
        server.init();
        client = server.createClient();
        ApiCapabilities.register(client, Duration.ofMillis(200));
        loadCrd();
        if (monitoringCrd) {
            installServiceMonitorCrd(client);
        }
    }

    /** Every optional API served, the ServiceMonitor CRD installed. */
    public static MockCluster full() {
        return new MockCluster(ALL_BUILT_IN, true);
    }

    /** Only the given built-in group-versions served, and no ServiceMonitor CRD. */
    public static MockCluster serving(String... groupVersions) {
        Map<String, String[]> served = new LinkedHashMap<>();
        for (String gv : groupVersions) {
            served.put(gv, ALL_BUILT_IN.get(gv));
        }
        return new MockCluster(served, false);
    }

    public KubernetesClient client() {
        return client;
    }

    private void loadCrd() {
        try (InputStream in = Files.newInputStream(RepoFiles.generatedCrd())) {
            client.apiextensions().v1().customResourceDefinitions().load(in).create();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A minimal prometheus-operator ServiceMonitor CRD: enough for discovery and CRUD. */
    public static void installServiceMonitorCrd(KubernetesClient client) {
        CustomResourceDefinition crd = new CustomResourceDefinitionBuilder()
                .withNewMetadata().withName("servicemonitors.monitoring.coreos.com").endMetadata()
                .withNewSpec()
                    .withGroup("monitoring.coreos.com")
                    .withScope("Namespaced")
                    .withNewNames().withKind("ServiceMonitor").withPlural("servicemonitors").withSingular("servicemonitor")
                        .withListKind("ServiceMonitorList").endNames()
                    .addNewVersion().withName("v1").withServed(true).withStorage(true)
                        .withNewSchema().withNewOpenAPIV3Schema().withType("object").withXKubernetesPreserveUnknownFields(true)
                        .endOpenAPIV3Schema().endSchema()
                    .endVersion()
                .endSpec()
                .build();
        client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
