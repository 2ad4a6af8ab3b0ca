package io.balance.proxy.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.balance.api.config.BackendConfig;
import io.balance.api.config.ConfigFileException;
import io.balance.api.config.ConfigLoader;
import io.balance.api.config.ConfigMappers;
import io.balance.api.config.LoadedConfig;
import io.balance.api.validation.ConfigValidator;
import io.balance.api.validation.PathStyle;
import io.balance.api.validation.Problem;
import io.balance.proxy.ProxyServer;
import io.balance.proxy.ReloadResult;
import io.balance.proxy.backend.ApplyResult;
import io.balance.proxy.backend.Backend;
import io.balance.proxy.backend.BackendRegistry;
import io.balance.proxy.backend.BackendSet;
import io.balance.proxy.lb.SlowStart;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;

/**
 * The admin API's logic, free of Netty: method, path, authorization and body in, an
 * {@link AdminResponse} out. Reads are open; writes need the bearer token.
 */
public final class AdminApi {
    private static final ObjectMapper JSON = ConfigMappers.json();
    private static final String[] CIRCUIT_STATES = {"closed", "open", "half_open"};
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final String READ_ONLY = "GET, HEAD";
    private static final String READ_WRITE = "GET, HEAD, PUT";
    private static final String BEARER_CHALLENGE = "Bearer realm=\"balance-admin\"";

    private final ProxyServer server;
    private final StatusView status;
    private final ConfigValidator validator = new ConfigValidator();

    public AdminApi(ProxyServer server) {
        this.server = server;
        this.status = new StatusView(server);
    }

    public AdminResponse handle(String method, String uri, String authorization, String body) {
        int query = uri.indexOf('?');
        String path = query < 0 ? uri : uri.substring(0, query);
        // HEAD is answered as GET: Netty's HttpServerCodec leaves the body out and keeps the headers
        String asked = method.equals("HEAD") ? "GET" : method;
        if (path.equals(server.config().metrics().path()) && server.config().metrics().enabled()) {
            return asked.equals("GET") ? AdminResponse.text(HttpResponseStatus.OK, PROMETHEUS_TEXT, server.metrics().scrape())
                    : notAllowed(READ_ONLY);
        }
        return switch (path) {
            case "/health" -> asked.equals("GET") ? ok(json(status.health())) : notAllowed(READ_ONLY);
            case "/ready" -> asked.equals("GET") ? ready() : notAllowed(READ_ONLY);
            case "/status" -> asked.equals("GET") ? ok(json(status.status())) : notAllowed(READ_ONLY);
            case "/version" -> asked.equals("GET") ? ok(json(status.version())) : notAllowed(READ_ONLY);
            case "/backends" -> switch (asked) {
                case "GET" -> ok(json(status.backends()));
                case "PUT" -> authorized(authorization, () -> putBackends(body));
                default -> notAllowed(READ_WRITE);
            };
            case "/config" -> switch (asked) {
                case "GET" -> ok(json(status.config()));
                case "PUT" -> authorized(authorization, () -> putConfig(body));
                default -> notAllowed(READ_WRITE);
            };
            case "/drain" -> asked.equals("POST") ? authorized(authorization, this::drain) : notAllowed("POST");
            default -> AdminResponse.json(HttpResponseStatus.NOT_FOUND, error("no such endpoint: " + path));
        };
    }

    private AdminResponse ready() {
        String reason = server.notReadyReason();
        ObjectNode node = JSON.createObjectNode().put("ready", reason == null);
        if (reason != null) {
            node.put("reason", reason);
        }
        return AdminResponse.json(reason == null ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE, json(node));
    }

    private AdminResponse authorized(String authorization, java.util.function.Supplier<AdminResponse> action) {
        AdminToken token = server.token();
        if (!token.configured()) {
            return AdminResponse.json(HttpResponseStatus.FORBIDDEN,
                    error("admin writes are disabled: no admin.token_file is configured"));
        }
        if (!token.accepts(authorization)) {
            return AdminResponse.json(HttpResponseStatus.UNAUTHORIZED, error("missing or wrong bearer token"))
                    .withHeader(HttpHeaderNames.WWW_AUTHENTICATE, BEARER_CHALLENGE);
        }
        return action.get();
    }

    private AdminResponse putBackends(String body) {
        VersionedRequest request = VersionedRequest.parse(JSON, body, "backends", JsonNode::isArray,
                "a list of {name, address, weight, max_connections}");
        if (!request.valid()) {
            return badRequest(request.problems());
        }
        PushedBackends pushed = PushedBackends.read(request.payload(), validator);
        if (!pushed.valid()) {
            return badRequest(pushed.problems());
        }
        long version = request.version();
        List<BackendConfig> backends = pushed.backends();
        ApplyResult applied = server.state().registry().applyPushed(version, backends);
        server.metrics().backendsVersion(server.state().registry().current().version());
        return switch (applied.outcome()) {
            case APPLIED, UNCHANGED -> ok(json(JSON.createObjectNode().put("version", version)
                    .put("applied", applied.outcome() == ApplyResult.Outcome.APPLIED).put("message", applied.message())));
            case CONFLICT -> AdminResponse.json(HttpResponseStatus.CONFLICT, error(applied.message()));
        };
    }

    private AdminResponse putConfig(String body) {
        VersionedRequest request = VersionedRequest.parse(JSON, body, "config", JsonNode::isObject,
                "the proxy config as in the file format (snake_case keys)");
        if (!request.valid()) {
            return badRequest(request.problems());
        }
        long version = request.version();
        LoadedConfig loaded;
        try {
            loaded = ConfigLoader.json().map(request.payload());
        } catch (ConfigFileException e) {
            return badRequest(List.of(e.getMessage()));
        }
        List<Problem> mapping = loaded.problems().stream().filter(Problem::isError).toList();
        if (!mapping.isEmpty()) {
            return badRequest(mapping.stream().map(p -> "config." + p.render(PathStyle.FILE)).toList());
        }
        ReloadResult result = server.pushConfig(version, loaded.config());
        return switch (result.outcome()) {
            case APPLIED, UNCHANGED -> ok(json(JSON.createObjectNode().put("version", version)
                    .put("applied", result.applied())));
            case INVALID -> badRequest(result.messages());
            case CONFLICT, REJECTED -> AdminResponse.json(HttpResponseStatus.CONFLICT, error(String.join("; ", result.messages())));
        };
    }

    private AdminResponse drain() {
        server.drain();
        return AdminResponse.json(HttpResponseStatus.ACCEPTED, json(JSON.createObjectNode().put("draining", true)));
    }

    private static AdminResponse ok(String body) {
        return AdminResponse.json(HttpResponseStatus.OK, body);
    }

    private static AdminResponse notAllowed(String allowed) {
        return AdminResponse.json(HttpResponseStatus.METHOD_NOT_ALLOWED, error("method not allowed; use " + allowed))
                .withHeader(HttpHeaderNames.ALLOW, allowed);
    }

    private static AdminResponse badRequest(List<String> problems) {
        ObjectNode node = JSON.createObjectNode().put("error", "invalid request");
        ArrayNode list = node.putArray("problems");
        problems.forEach(list::add);
        return AdminResponse.json(HttpResponseStatus.BAD_REQUEST, json(node));
    }

    static String error(String message) {
        return json(JSON.createObjectNode().put("error", message));
    }

    static String json(Object value) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode backendNode(Backend backend, SlowStart slowStart) {
        return JSON.createObjectNode()
                .put("name", backend.name())
                .put("address", backend.address().toString())
                .put("weight", backend.weight())
                .put("max_connections", backend.maxConnections())
                .put("state", backend.health().state().name().toLowerCase())
                .put("reason", backend.health().reason())
                .put("circuit_breaker", CIRCUIT_STATES[backend.health().circuitState()])
                .put("ejections", backend.health().ejections())
                .put("active_requests", backend.activeRequests())
                .put("open_connections", backend.openConnections())
                .put("pending_connects", backend.pendingConnects())
                .put("slow_start_remaining_ms", slowStart.remainingMillis(backend));
    }

    /** The set in force, then the removed backends still finishing requests (state {@code draining}). */
    static ObjectNode backendsNode(BackendRegistry registry) {
        BackendSet set = registry.current();
        ObjectNode node = JSON.createObjectNode().put("version", set.version());
        ArrayNode list = node.putArray("backends");
        set.backends().forEach(b -> list.add(backendNode(b, registry.slowStart())));
        registry.leaving().forEach(b -> list.add(backendNode(b, registry.slowStart())));
        return node;
    }

    static ObjectMapper mapper() {
        return JSON;
    }
}
