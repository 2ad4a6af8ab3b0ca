package io.balance.release;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.balance.api.config.ConfigLoader;
import io.balance.operator.runtime.OperatorMetrics;
import io.balance.proxy.BuildInfo;
import io.balance.proxy.ProxyServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Metric names are a contract (DESIGN.md): every name the dashboard and the alerts query must be
 * one a running proxy or the operator really exports.
 */
class MetricNamesTest {
    /** Series Prometheus itself makes, not the applications. */
    private static final Set<String> PROMETHEUS_SERIES = Set.of("up");
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)");
    private static final Pattern TYPE = Pattern.compile("^# TYPE (\\S+) (histogram|summary)");
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @Test
    void everyMetricTheDashboardAndAlertsQueryIsExported() throws Exception {
        Set<String> used = new TreeSet<>();
        Observability.dashboardExpressions().forEach(e -> used.addAll(PromQl.metricNames(e)));
        Observability.ruleExpressions().forEach(e -> used.addAll(PromQl.metricNames(e)));
        used.removeAll(PROMETHEUS_SERIES);

        Set<String> exported = new TreeSet<>(names(proxyScrapeAfterOneRequest()));
        exported.addAll(names(operatorScrape()));

        assertThat(used).as("metric names queried by grafana/ and prometheus-rules/").isNotEmpty();
        assertThat(exported).as("names a running proxy and the operator export").containsAll(used);
    }

    private static String proxyScrapeAfterOneRequest() throws Exception {
        HttpServer backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        backend.createContext("/", exchange -> {
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        backend.start();
        int trafficPort = freePort();
        int adminPort = freePort();
        while (adminPort == trafficPort) {
            adminPort = freePort();
        }
        String yaml = """
                mode: http
                listen: "127.0.0.1:%d"
                backends:
                  - name: web
                    address: "127.0.0.1:%d"
                admin:
                  listen: "127.0.0.1:%d"
                """.formatted(trafficPort, backend.getAddress().getPort(), adminPort);
        try (ProxyServer proxy = new ProxyServer(ConfigLoader.yaml().parse(yaml, "metric names test").config(), BuildInfo.load()).start()) {
            HttpResponse<String> answer = get("http://127.0.0.1:" + proxy.trafficAddress().getPort() + "/");
            assertThat(answer.statusCode()).isEqualTo(200);
            // the GC pause timer appears with the first collection, which a young JVM may not have had yet
            System.gc();
            String metrics = "http://127.0.0.1:" + proxy.adminAddress().getPort() + "/metrics";
            return org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> get(metrics).body(), body -> body.contains("jvm_gc_pause_seconds_count"));
        } finally {
            backend.stop(0);
        }
    }

    /**
     * The operator's meters as BalanceOperator registers them at start, before any reconcile: the
     * reconcile meters, the per-condition proxy gauges and the endpoint sync's lag timer.
     */
    private static String operatorScrape() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new OperatorMetrics(registry);
        new io.balance.operator.runtime.ProxyConditionGauges(registry);
        var scheduler = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        try {
            new io.balance.operator.endpoints.EndpointSync(new io.balance.operator.admin.HttpProxyAdminClient(),
                    java.time.Clock.systemUTC(), scheduler,
                    io.balance.operator.endpoints.EndpointSyncSettings.fromEnvironment(java.util.Map.of()), registry);
            return registry.scrape();
        } finally {
            scheduler.shutdownNow();
        }
    }

    /** Sample names, plus the family names of histograms and summaries (queried with _bucket/_sum/_count). */
    private static Set<String> names(String scrape) {
        Set<String> names = new TreeSet<>();
        for (String line : scrape.split("\n")) {
            Matcher type = TYPE.matcher(line);
            if (type.find()) {
                names.add(type.group(1));
                names.add(type.group(1) + "_bucket");
                names.add(type.group(1) + "_sum");
                names.add(type.group(1) + "_count");
            } else if (!line.startsWith("#")) {
                Matcher sample = SAMPLE.matcher(line);
                if (sample.find()) {
                    names.add(sample.group(1));
                }
            }
        }
        return names;
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
