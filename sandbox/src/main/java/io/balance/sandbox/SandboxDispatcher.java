package io.balance.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.APIGroupBuilder;
import io.fabric8.kubernetes.api.model.APIGroupListBuilder;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.APIVersionsBuilder;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscoveryBuilder;
import io.fabric8.kubernetes.api.model.ServerAddressByClientCIDRBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes the fabric8 CRUD mock usable by kubectl. The mock answers {@code /api} and {@code /apis}
 * with an empty list, so kubectl would find no resources at all; this dispatcher (ignoring the
 * query string) serves {@code APIVersions} for {@code /api}, an {@code APIGroupList} for
 * {@code /apis} (the built-in groups below plus every stored CRD) and an {@code APIResourceList}
 * per group/version with verbs and short names. {@code /openapi/*} gets 404 (kubectl then needs
 * {@code --validate=false}), and a strategic merge patch, which the mock refuses with 415, is
 * handled as a JSON merge patch (lists are replaced, not merged by key). Everything else goes to
 * the CRUD dispatcher.
 */
final class SandboxDispatcher extends Dispatcher {
    static final String STRATEGIC_MERGE_PATCH = "application/strategic-merge-patch+json";
    static final String MERGE_PATCH = "application/merge-patch+json";
    private static final String CRDS = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";

    /** group/version ("v1" for the core group) -> its resources. */
    private static final Map<String, List<APIResource>> BUILT_IN = builtIns();

    private final Dispatcher crud;

    SandboxDispatcher(Dispatcher crud) {
        this.crud = crud;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String path = request.getPath();
        int query = path.indexOf('?');
        String bare = query < 0 ? path : path.substring(0, query);
        if (bare.length() > 1 && bare.endsWith("/")) {
            bare = bare.substring(0, bare.length() - 1);
        }
        if (request.method() == HttpMethod.GET) {
            MockResponse discovery = discovery(bare);
            if (discovery != null) {
                return discovery;
            }
        }
        if (request.method() == HttpMethod.PATCH && request.getHeader("Content-Type") != null
                && request.getHeader("Content-Type").startsWith(STRATEGIC_MERGE_PATCH)) {
            return crud.dispatch(withContentType(request, MERGE_PATCH));
        }
        return crud.dispatch(request);
    }

    private MockResponse discovery(String path) {
        if (path.equals("/openapi") || path.startsWith("/openapi/")) {
            return json(404, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"NotFound\","
                    + "\"message\":\"the sandbox API server publishes no OpenAPI schema: use --validate=false\",\"code\":404}");
        }
        if (path.equals("/api")) {
            return json(200, Serialization.asJson(new APIVersionsBuilder().withVersions("v1")
                    .withServerAddressByClientCIDRs(new ServerAddressByClientCIDRBuilder()
                            .withClientCIDR("0.0.0.0/0").withServerAddress("127.0.0.1").build())
                    .build()));
        }
        if (path.equals("/api/v1")) {
            return resourceList("v1", BUILT_IN.get("v1"));
        }
        Map<String, List<APIResource>> all = allGroupVersions();
        if (path.equals("/apis")) {
            Map<String, List<String>> versionsByGroup = new LinkedHashMap<>();
            all.keySet().stream().filter(gv -> gv.contains("/")).forEach(gv -> versionsByGroup
                    .computeIfAbsent(gv.substring(0, gv.indexOf('/')), g -> new ArrayList<>()).add(gv.substring(gv.indexOf('/') + 1)));
            var list = new APIGroupListBuilder();
            versionsByGroup.forEach((group, versions) -> {
                var builder = new APIGroupBuilder().withName(group);
                versions.forEach(v -> builder.addToVersions(new GroupVersionForDiscoveryBuilder()
                        .withGroupVersion(group + "/" + v).withVersion(v).build()));
                builder.withPreferredVersion(new GroupVersionForDiscoveryBuilder()
                        .withGroupVersion(group + "/" + versions.get(0)).withVersion(versions.get(0)).build());
                list.addToGroups(builder.build());
            });
            return json(200, Serialization.asJson(list.build()));
        }
        if (path.startsWith("/apis/")) {
            String[] parts = path.substring("/apis/".length()).split("/");
            if (parts.length == 2) {
                List<APIResource> resources = all.get(parts[0] + "/" + parts[1]);
                return resources == null ? json(404, notFound(path)) : resourceList(parts[0] + "/" + parts[1], resources);
            }
            if (parts.length == 1) {
                return json(404, notFound(path));
            }
        }
        return null;
    }

    private Map<String, List<APIResource>> allGroupVersions() {
        Map<String, List<APIResource>> all = new LinkedHashMap<>(BUILT_IN);
        MockResponse stored = crud.dispatch(new RecordedRequest("HTTP/1.1", HttpMethod.GET, CRDS, Headers.builder().build(), new Buffer()));
        if (stored.code() != 200 || stored.getBody() == null) {
            return all;
        }
        JsonNode items = Serialization.unmarshal(stored.getBody().readUtf8(), JsonNode.class).path("items");
        for (JsonNode crd : items) {
            JsonNode spec = crd.path("spec");
            JsonNode names = spec.path("names");
            List<String> shortNames = new ArrayList<>();
            names.path("shortNames").forEach(n -> shortNames.add(n.asText()));
            boolean namespaced = !"Cluster".equals(spec.path("scope").asText());
            for (JsonNode version : spec.path("versions")) {
                if (!version.path("served").asBoolean(true)) {
                    continue;
                }
                String gv = spec.path("group").asText() + "/" + version.path("name").asText();
                List<APIResource> resources = new ArrayList<>(all.getOrDefault(gv, List.of()));
                resources.add(resource(names.path("kind").asText(), names.path("plural").asText(), namespaced,
                        names.path("singular").asText(), shortNames.toArray(String[]::new)));
                JsonNode subresources = version.path("subresources");
                if (subresources.has("status")) {
                    resources.add(sub(names.path("kind").asText(), names.path("plural").asText() + "/status", namespaced));
                }
                if (subresources.has("scale")) {
                    resources.add(new APIResourceBuilder().withKind("Scale").withGroup("autoscaling").withVersion("v1")
                            .withName(names.path("plural").asText() + "/scale").withNamespaced(namespaced)
                            .withSingularName("").withVerbs("get", "patch", "update").build());
                }
                all.put(gv, resources);
            }
        }
        return all;
    }

    private static MockResponse resourceList(String groupVersion, List<APIResource> resources) {
        return json(200, Serialization.asJson(new APIResourceListBuilder().withGroupVersion(groupVersion)
                .withResources(resources).build()));
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json").setBody(body);
    }

    private static String notFound(String path) {
        return "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"NotFound\",\"message\":\""
                + path + " is not served by the sandbox\",\"code\":404}";
    }

    private static RecordedRequest withContentType(RecordedRequest request, String contentType) {
        Headers.Builder headers = Headers.builder();
        request.getHeaders().toMultimap().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type")) {
                values.forEach(v -> headers.add(name, v));
            }
        });
        headers.add("Content-Type", contentType);
        return new RecordedRequest(request.getHttpVersion(), request.method(), request.getPath(), headers.build(), request.getBody());
    }

    private static APIResource resource(String kind, String plural, boolean namespaced, String singular, String... shortNames) {
        return new APIResourceBuilder().withKind(kind).withName(plural).withNamespaced(namespaced)
                .withSingularName(singular).withShortNames(shortNames.length == 0 ? null : List.of(shortNames))
                .withVerbs("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch").build();
    }

    private static APIResource sub(String kind, String name, boolean namespaced) {
        return new APIResourceBuilder().withKind(kind).withName(name).withNamespaced(namespaced).withSingularName("")
                .withVerbs("get", "patch", "update").build();
    }

    private static Map<String, List<APIResource>> builtIns() {
        Map<String, List<APIResource>> map = new LinkedHashMap<>();
        map.put("v1", List.of(
                resource("ConfigMap", "configmaps", true, "configmap", "cm"),
                resource("Endpoints", "endpoints", true, "endpoints", "ep"),
                resource("Event", "events", true, "event", "ev"),
                resource("Namespace", "namespaces", false, "namespace", "ns"),
                resource("Pod", "pods", true, "pod", "po"),
                sub("Pod", "pods/status", true),
                resource("Secret", "secrets", true, "secret"),
                resource("Service", "services", true, "service", "svc"),
                resource("ServiceAccount", "serviceaccounts", true, "serviceaccount", "sa")));
        map.put("apps/v1", List.of(
                resource("Deployment", "deployments", true, "deployment", "deploy"),
                sub("Deployment", "deployments/status", true),
                resource("ReplicaSet", "replicasets", true, "replicaset", "rs")));
        map.put("autoscaling/v2", List.of(resource("HorizontalPodAutoscaler", "horizontalpodautoscalers", true,
                "horizontalpodautoscaler", "hpa")));
        map.put("policy/v1", List.of(resource("PodDisruptionBudget", "poddisruptionbudgets", true, "poddisruptionbudget", "pdb")));
        map.put("networking.k8s.io/v1", List.of(resource("NetworkPolicy", "networkpolicies", true, "networkpolicy", "netpol")));
        map.put("discovery.k8s.io/v1", List.of(resource("EndpointSlice", "endpointslices", true, "endpointslice")));
        map.put("coordination.k8s.io/v1", List.of(resource("Lease", "leases", true, "lease")));
        map.put("events.k8s.io/v1", List.of(resource("Event", "events", true, "event", "ev")));
        map.put("apiextensions.k8s.io/v1", List.of(resource("CustomResourceDefinition", "customresourcedefinitions", false,
                "customresourcedefinition", "crd", "crds")));
        return java.util.Collections.unmodifiableMap(map);
    }

    @Override
    public void shutdown() {
        crud.shutdown();
    }
}
