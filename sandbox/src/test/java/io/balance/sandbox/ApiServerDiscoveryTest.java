package io.balance.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What kubectl needs from the embedded API server, checked over plain HTTP (no kubectl needed). */
class ApiServerDiscoveryTest {
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    static ApiServer api;

    @BeforeAll
    static void start() {
        api = ApiServer.start(0);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(api.url() + path)).GET());
    }

    @Test
    void servesTheCoreVersionsAndEveryGroupIncludingTheCrd() throws Exception {
        assertThat(get("/api?timeout=32s").body()).contains("\"APIVersions\"").contains("\"v1\"");
        assertThat(get("/apis?timeout=32s").body()).contains("\"APIGroupList\"")
                .contains("\"balance.io/v1alpha1\"", "\"apps/v1\"", "\"discovery.k8s.io/v1\"");
    }

    @Test
    void listsResourcesPerGroupVersionWithShortNames() throws Exception {
        assertThat(get("/apis/balance.io/v1alpha1").body()).contains("\"balanceproxies\"").contains("\"bp\"")
                .contains("\"balanceproxies/status\"").contains("\"balanceproxies/scale\"");
        assertThat(get("/api/v1").body()).contains("\"configmaps\"").contains("\"cm\"");
        assertThat(get("/apis/monitoring.coreos.com/v1").statusCode()).isEqualTo(404);
    }

    @Test
    void publishesNoOpenApiSchema() throws Exception {
        assertThat(get("/openapi/v3").statusCode()).isEqualTo(404);
        assertThat(get("/openapi/v2?timeout=32s").statusCode()).isEqualTo(404);
    }

    @Test
    void acceptsAStrategicMergePatchAsAMergePatch() throws Exception {
        api.client().configMaps().inNamespace("default").resource(new ConfigMapBuilder()
                .withNewMetadata().withName("patched").withNamespace("default").endMetadata()
                .addToData("a", "1").build()).create();

        HttpResponse<String> patched = send(HttpRequest.newBuilder(URI.create(api.url() + "/api/v1/namespaces/default/configmaps/patched"))
                .header("Content-Type", SandboxDispatcher.STRATEGIC_MERGE_PATCH)
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"data\":{\"a\":\"2\",\"b\":\"3\"}}")));

        assertThat(patched.statusCode()).as(patched.body()).isBetween(200, 299);
        assertThat(api.client().configMaps().inNamespace("default").withName("patched").get().getData())
                .containsEntry("a", "2").containsEntry("b", "3");
    }
}
