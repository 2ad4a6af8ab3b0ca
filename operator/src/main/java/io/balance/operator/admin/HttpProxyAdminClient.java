package io.balance.operator.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The admin client over {@code java.net.http}, asynchronous, with a short timeout per call (2 s
 * by default). The token goes only into the Authorization header; it is never logged or put in a
 * message.
 */
public final class HttpProxyAdminClient implements ProxyAdminClient {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final Duration timeout;

    public HttpProxyAdminClient() {
        this(DEFAULT_TIMEOUT);
    }

    public HttpProxyAdminClient(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    @Override
    public CompletionStage<PushResult> pushBackends(PodEndpoint pod, String token, long version, List<BackendEntry> backends) {
        return put(pod, "/backends", token, body(version, backends));
    }

    @Override
    public CompletionStage<PushResult> pushConfig(PodEndpoint pod, String token, long version, JsonNode config) {
        ObjectNode body = JSON.createObjectNode().put("version", version);
        body.set("config", config);
        return put(pod, "/config", token, body.toString());
    }

    private CompletionStage<PushResult> put(PodEndpoint pod, String path, String token, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(pod.baseUrl() + path))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .PUT(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> result(path, response))
                .exceptionally(e -> PushResult.failed(0, describe(e)));
    }

    @Override
    public CompletionStage<ProxyStatus> status(PodEndpoint pod) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(pod.baseUrl() + "/status")).timeout(timeout).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET /status answered " + response.statusCode());
            }
            JsonNode root = read(response.body());
            return new ProxyStatus(root.path("backends_version").asLong(0), root.path("config_version").asLong(0));
        });
    }

    static String body(long version, List<BackendEntry> backends) {
        ObjectNode root = JSON.createObjectNode().put("version", version);
        var list = root.putArray("backends");
        for (BackendEntry b : backends) {
            list.addObject().put("name", b.name()).put("address", b.address()).put("weight", b.weight())
                    .put("max_connections", b.maxConnections());
        }
        return root.toString();
    }

    private static PushResult result(String path, HttpResponse<String> response) {
        int status = response.statusCode();
        if (status == 200) {
            return PushResult.acknowledged(status);
        }
        String message = errorOf(response.body());
        if (status == 409) {
            return PushResult.conflict(message);
        }
        return PushResult.failed(status, "PUT " + path + " answered " + status + (message.isEmpty() ? "" : ": " + message));
    }

    private static String errorOf(String body) {
        try {
            JsonNode root = JSON.readTree(body);
            JsonNode error = root.has("error") ? root.get("error") : root.path("errors");
            String message = error.isMissingNode() ? "" : error.isTextual() ? error.asText() : error.toString();
            JsonNode problems = root.path("problems"); // a 400's list: each problem with its path
            if (problems.isArray() && !problems.isEmpty()) {
                List<String> each = new java.util.ArrayList<>();
                problems.forEach(p -> each.add(p.asText()));
                message = (message.isEmpty() ? "" : message + ": ") + String.join("; ", each);
            }
            return message;
        } catch (IOException e) {
            return "";
        }
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String describe(Throwable e) {
        Throwable cause = e.getCause() != null && e instanceof java.util.concurrent.CompletionException ? e.getCause() : e;
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
