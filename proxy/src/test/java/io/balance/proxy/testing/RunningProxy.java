package io.balance.proxy.testing;

import io.balance.api.config.ConfigLoader;
import io.balance.api.config.LoadedConfig;
import io.balance.api.config.ProxyConfig;
import io.balance.api.validation.ConfigValidator;
import io.balance.api.validation.PathStyle;
import io.balance.api.validation.ValidationResult;
import io.balance.proxy.BuildInfo;
import io.balance.proxy.ProxyServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A proxy started in-process from a YAML snippet, on free loopback ports. The snippet must not
 * set {@code listen} or {@code admin.listen}; they are added here.
 */
public final class RunningProxy implements AutoCloseable {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final ProxyServer server;

    private RunningProxy(ProxyServer server) {
        this.server = server;
    }

    public static RunningProxy start(String yaml) {
        try {
            ProxyConfig config = load(yaml);
            return new RunningProxy(new ProxyServer(config, BuildInfo.load()).start());
        } catch (Exception e) {
            throw new IllegalStateException("proxy did not start: " + e.getMessage(), e);
        }
    }

    /** Parses and validates a snippet, giving it free loopback ports. */
    public static ProxyConfig load(String yaml) throws Exception {
        LoadedConfig loaded = ConfigLoader.yaml().parse(yaml, "test config");
        int traffic = FreePorts.next();
        int admin = FreePorts.next();
        while (admin == traffic) {
            admin = FreePorts.next();
        }
        ProxyConfig config = loaded.config().withListen("127.0.0.1:" + traffic, "127.0.0.1:" + admin);
        ValidationResult result = new ConfigValidator().validate(new LoadedConfig(config, loaded.problems()));
        if (!result.isValid()) {
            throw new IllegalArgumentException(String.join("\n", result.render(PathStyle.FILE, result.errors())));
        }
        return config;
    }

    public ProxyServer server() {
        return server;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.trafficAddress().getPort() + path;
    }

    public String adminUrl(String path) {
        return "http://127.0.0.1:" + server.adminAddress().getPort() + path;
    }

    public int port() {
        return server.trafficAddress().getPort();
    }

    public HttpResponse<String> get(String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> admin(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(adminUrl(path))).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Reads one sample of a Prometheus series, e.g. {@code balance_rejected_requests_total{reason="no_backend"}}. */
    public double metric(String series) throws Exception {
        for (String line : scrape()) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        return Double.NaN;
    }

    /** The non-zero samples of a metric family, one per line, for a failure message. */
    public String samples(String family) throws Exception {
        StringBuilder out = new StringBuilder();
        for (String line : scrape()) {
            if ((line.startsWith(family + "{") || line.startsWith(family + " ")) && !line.endsWith(" 0.0")) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }

    private String[] scrape() throws Exception {
        return admin("GET", "/metrics", null, null).body().split("\n");
    }

    public static HttpClient client() {
        return CLIENT;
    }

    @Override
    public void close() {
        server.close();
    }
}
