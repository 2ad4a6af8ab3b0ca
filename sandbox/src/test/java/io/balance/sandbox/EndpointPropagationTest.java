package io.balance.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.balance.proxy.ProxyServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Endpoint propagation end to end, on the quickstart (BalanceProxy {@code web}, 2 pods, backends
 * from the Service {@code web-backend}): EndpointSlice changes reach the proxies quickly and
 * without failed requests under load, the propagation latency over 50 changes, and a killed proxy
 * re-programmed with the operator's current endpoint set.
 *
 * <p>Times are taken from {@link System#nanoTime}. "Write" is the moment just before
 * {@link DemoBackends#add()} / {@link DemoBackends#remove(String)} is called: those rewrite the
 * EndpointSlice on the API server synchronously (an add starts the backend's HTTP server first, a
 * few milliseconds, which is counted in: the figures are upper bounds).
 */
class EndpointPropagationTest {
    static final Duration PATIENCE = Duration.ofSeconds(60);
    /**
     * Test 1's bound from slice write to the first response from an added backend, for each single add. The
     * operator's fast path pushes straight from its informers (no reconcile in the way): adds took 40-330 ms,
     * also with the operator's and the proxy module's tests running beside (load average 7.6 on 2 cores);
     * before the fast path, changes waited in the reconcile queue on a loaded machine (single adds 1.2-1.9 s,
     * some of 50 changes up to 6 s).
     */
    static final Duration ADD_BOUND = Duration.ofSeconds(2);
    /**
     * Test 2's bounds on 50 changes (the target is 1 s; measured quiet p50 51-57 ms, p99 124-293 ms;
     * loaded p50 55-73 ms, p99 124-334 ms). p99 is one sample in 50, so it gets room for a GC pause or a
     * starved CPU on a loaded 2-core machine; the figures land in target/propagation.txt.
     */
    static final Duration P50_BOUND = Duration.ofSeconds(1);
    static final Duration P99_BOUND = Duration.ofSeconds(2);
    static final Duration POLL = Duration.ofMillis(5);
    /** From a killed proxy's restart to its re-programming: well within the operator's 10 s status poll. */
    static final Duration REPROGRAM_BOUND = Duration.ofSeconds(3);
    /**
     * A new client for every test: pods of successive tests reuse the same addresses (127.0.0.11:9090, ...),
     * and a keep-alive connection pooled to a stopped pod's admin port must not be reused for its successor.
     */
    static volatile HttpClient http;
    static final ObjectMapper JSON = new ObjectMapper();
    static final int BACKENDS = 3;

    @TempDir
    static Path workDir;
    static Sandbox sandbox;

    @BeforeAll
    static void startSandbox() {
        sandbox = Sandbox.start(Sandbox.Options.defaults(workDir).withBackends(BACKENDS));
    }

    @AfterAll
    static void stopSandbox() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @BeforeEach
    void newHttpClient() {
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
    }

    @AfterEach
    void deleteEveryBalanceProxy() {
        sandbox.client().genericKubernetesResources(SandboxEndToEndTest.BALANCE_PROXIES).inNamespace("default").delete();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(sandbox.node().allPods()).isEmpty());
        SandboxEndToEndTest.resetBackends(sandbox.backends(), BACKENDS);
    }

    // ---------------------------------------------------------------- 1

    @Test
    void backendsAddedAndRemovedUnderLoadWithoutAFailedRequest() throws Exception {
        List<ProxyPod> pods = quickstartServingEveryBackend();
        List<String> urls = pods.stream().map(p -> p.trafficUrl() + "/").toList();
        List<Long> addMillis = new ArrayList<>();
        List<Long> removeMillis = new ArrayList<>();

        try (TrafficLoad load = new TrafficLoad(urls, 2, Duration.ofMinutes(3), 2_000_000).start()) {
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(load.succeeded()).isGreaterThan(100));

            addMillis.add(addAndMeasure(load, urls));               // backend-4
            addMillis.add(addAndMeasure(load, urls));               // backend-5
            removeMillis.add(removeAndMeasure(pods, load, urls, "backend-1"));
            removeMillis.add(removeAndMeasure(pods, load, urls, "backend-2"));
            addMillis.add(addAndMeasure(load, urls));               // backend-1 again (lowest free address)
            removeMillis.add(removeAndMeasure(pods, load, urls, "backend-5"));
            addMillis.add(addAndMeasure(load, urls));               // backend-2 again

            // the final set is the one in use: every backend answers, through every pod
            long settled = System.nanoTime();
            Set<String> expected = sandbox.backends().list().keySet();
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
                for (String url : urls) {
                    for (String backend : expected) {
                        assertThat(load.firstResponse(url, backend, settled)).as(backend + " through " + url).isNotNull();
                    }
                }
            });
            load.close();
            System.out.println("UNDER LOAD: requests ok=" + load.succeeded() + " failed=" + load.failed()
                    + " add latencies (write -> first response from the new backend, slowest pod) ms=" + addMillis
                    + " removal latencies (write -> gone from every pod's GET /backends) ms=" + removeMillis);
            assertThat(load.failed()).as("failed requests: %s", load.failures()).isZero();
            assertThat(load.succeeded()).isGreaterThan(100);
        }
        assertThat(addMillis).as("add latencies in ms").allSatisfy(ms -> assertThat(ms).isLessThanOrEqualTo(ADD_BOUND.toMillis()));
    }

    // ---------------------------------------------------------------- 2

    @Test
    void propagationLatencyOverFiftyChanges() throws Exception {
        List<ProxyPod> pods = quickstartServingEveryBackend();
        List<String> urls = pods.stream().map(p -> p.trafficUrl() + "/").toList();
        List<Long> all = new ArrayList<>();
        List<Long> adds = new ArrayList<>();
        List<Long> removes = new ArrayList<>();
        List<Long> warmUp = new ArrayList<>();

        try (TrafficLoad load = new TrafficLoad(urls, 2, Duration.ofMinutes(5), 5_000_000).start()) {
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(load.succeeded()).isGreaterThan(100));
            // warm-up, not counted (reported): the first changes of a fresh JVM on a loaded machine took 1.5-3.3 s
            warmUp.add(addAndMeasure(load, urls));
            warmUp.add(removeAndMeasure(pods, load, urls, "backend-1"));
            for (int change = 0; change < 50; change++) {
                long ms;
                if (change % 2 == 0) {
                    ms = addAndMeasure(load, urls);
                    adds.add(ms);
                } else {
                    // remove a different backend each time (oldest first), not always the one just added
                    String victim = new ArrayList<>(sandbox.backends().list().keySet()).get((change / 2) % (BACKENDS + 1));
                    ms = removeAndMeasure(pods, load, urls, victim);
                    removes.add(ms);
                }
                all.add(ms);
                // interleaved with the operator's and the simulator's log lines, to explain a slow change
                System.out.println("change " + change + (change % 2 == 0 ? " add" : " removal") + " done at "
                        + java.time.Instant.now() + ": " + ms + " ms");
            }
            load.close();
            assertThat(load.failed()).as("failed requests: %s", load.failures()).isZero();
        }

        String line = "PROPAGATION p50=" + percentile(all, 50) + "ms p99=" + percentile(all, 99) + "ms n=" + all.size()
                + " (adds: p50=" + percentile(adds, 50) + "ms p99=" + percentile(adds, 99) + "ms n=" + adds.size()
                + "; removals: p50=" + percentile(removes, 50) + "ms p99=" + percentile(removes, 99) + "ms n=" + removes.size()
                + ")";
        String detail = line + "\n"
                + "add: EndpointSlice write -> first response from the new backend, slowest of the 2 pods (under load)\n"
                + "removal: EndpointSlice write (endpoint taken out; its server stopped afterwards) -> the backend gone from"
                + " GET /backends of both pods (polled every " + POLL.toMillis() + " ms)\n"
                + "adds ms: " + adds + "\nremovals ms: " + removes + "\n"
                + "warm-up (not counted: one add, one removal) ms: " + warmUp + "\n";
        System.out.println(line);
        System.out.println(detail);
        Path out = Path.of(System.getProperty("basedir", "."), "target", "propagation.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, detail);

        assertThat(all).hasSize(50);
        assertThat(percentile(all, 50)).as(line).isLessThanOrEqualTo(P50_BOUND.toMillis());
        assertThat(percentile(all, 99)).as(line).isLessThanOrEqualTo(P99_BOUND.toMillis());
    }

    // ---------------------------------------------------------------- 3

    @Test
    void killedProxyIsReprogrammedWithTheCurrentEndpointsOnRestart() throws Exception {
        List<ProxyPod> pods = quickstartServingEveryBackend();
        // a change first, so the current version is a pushed one, not the first set
        String added = sandbox.backends().add();
        await().atMost(PATIENCE).untilAsserted(() -> {
            long version = operatorVersion();
            for (ProxyPod pod : pods) {
                assertThat(backendsVersion(pod)).isEqualTo(version);
            }
            assertThat(operatorCount()).isEqualTo(BACKENDS + 1);
        });
        ProxyPod pod = pods.get(0);
        ProxyServer crashed = pod.server();

        sandbox.node().kill(pod);
        long killedAt = System.nanoTime();
        // new connections: a keep-alive connection pooled to the killed proxy's admin port was seen to hang
        // (no answer, no close) until the request timeout instead of failing
        newHttpClient();

        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(10)).untilAsserted(() -> {
            assertThat(pod.restarts()).isEqualTo(1);
            assertThat(pod.server()).isNotNull().isNotSameAs(crashed);
        });
        long restartedAt = System.nanoTime();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
            assertThat(backendsVersion(pod)).as("backends_version of the restarted pod").isEqualTo(operatorVersion());
            assertThat(proxyBackends(pod)).contains(sandbox.backends().list().get(added));
        });
        long programmedAt = System.nanoTime();
        System.out.println("RESTART: restarted " + millis(restartedAt - killedAt) + " ms after the kill, backends_version = "
                + "operator's " + operatorVersion() + " " + millis(programmedAt - restartedAt) + " ms after that");
        assertThat(millis(programmedAt - restartedAt)).as("re-programmed from the Pod's restart count, not the 10 s status poll")
                .isLessThan(REPROGRAM_BOUND.toMillis());
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(pod.ready()).isTrue());

        String url = pod.trafficUrl() + "/";
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(backendsAnswering(url, 60))
                .containsExactlyInAnyOrderElementsOf(sandbox.backends().list().keySet()));
        // the other pod was not disturbed
        assertThat(pods.get(1).restarts()).isZero();
        assertThat(backendsVersion(pods.get(1))).isEqualTo(operatorVersion());
    }

    // ---------------------------------------------------------------- helpers

    /** Applies the quickstart and waits for its 2 pods to be Ready and to serve every demo backend. */
    static List<ProxyPod> quickstartServingEveryBackend() {
        sandbox.applyQuickstart();
        await().atMost(PATIENCE).untilAsserted(() -> {
            List<ProxyPod> pods = sandbox.node().pods("default", "web");
            assertThat(pods).hasSize(2).allSatisfy(p -> assertThat(p.ready()).as(p + " ready").isTrue());
            for (ProxyPod pod : pods) {
                assertThat(backendsAnswering(pod.trafficUrl() + "/", 30))
                        .containsExactlyInAnyOrderElementsOf(sandbox.backends().list().keySet());
            }
        });
        return sandbox.node().pods("default", "web");
    }

    /** Adds a backend; milliseconds from the slice write to its first response, through the slowest of {@code urls}. */
    static long addAndMeasure(TrafficLoad load, List<String> urls) {
        long before = System.nanoTime();
        String added = sandbox.backends().add();
        long[] latest = new long[1];
        await().atMost(PATIENCE).pollDelay(Duration.ZERO).pollInterval(POLL).until(() -> {
            long max = 0;
            for (String url : urls) {
                Long first = load.firstResponse(url, added, before);
                if (first == null) {
                    return false;
                }
                max = Math.max(max, first);
            }
            latest[0] = max;
            return true;
        });
        return millis(latest[0] - before);
    }

    /**
     * Removes a backend the way a terminating pod leaves its Service: its endpoint is first taken out of the
     * EndpointSlice (the measured write), and only once every pod's {@code GET /backends} no longer lists it and
     * nothing answered from it for 200 ms (requests in flight when the proxies dropped it are done) is its server
     * stopped ({@link DemoBackends#remove}, which rewrites the same set). {@code DemoBackends.remove} alone stops the
     * server right after the slice write: a response in flight on it is then cut after its head, which no proxy can
     * retry. Returns milliseconds from the slice write to the backend being gone from every pod's {@code GET /backends}.
     */
    static long removeAndMeasure(List<ProxyPod> pods, TrafficLoad load, List<String> urls, String name) {
        String address = sandbox.backends().list().get(name);
        assertThat(address).as(name + " running").isNotNull();
        String ip = address.substring(0, address.indexOf(':'));
        long before = System.nanoTime();
        sandbox.client().discovery().v1().endpointSlices().inNamespace("default").withName(DemoBackends.SLICE)
                .edit(slice -> {
                    slice.getEndpoints().removeIf(e -> e.getAddresses().contains(ip));
                    return slice;
                });
        await().atMost(PATIENCE).pollDelay(Duration.ZERO).pollInterval(POLL)
                .until(() -> {
                    for (ProxyPod pod : pods) {
                        if (proxyBackends(pod).contains(address)) {
                            return false;
                        }
                    }
                    return true;
                });
        long gone = System.nanoTime();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50)).until(() -> {
            long last = Long.MIN_VALUE;
            for (String url : urls) {
                Long at = load.lastResponse(url, name);
                if (at != null) {
                    last = Math.max(last, at);
                }
            }
            return System.nanoTime() - last > Duration.ofMillis(200).toNanos();
        });
        assertThat(sandbox.backends().remove(name)).isEqualTo(name);
        return millis(gone - before);
    }

    /** The addresses of the set in force a pod's {@code GET /backends} lists (not removed ones still draining). */
    static Set<String> proxyBackends(ProxyPod pod) throws IOException, InterruptedException {
        JsonNode backends = JSON.readTree(get(pod.adminUrl() + "/backends").body()).path("backends");
        Set<String> addresses = new HashSet<>();
        backends.forEach(b -> {
            if (!"draining".equals(b.path("state").asText())) {
                addresses.add(b.path("address").asText());
            }
        });
        return addresses;
    }

    /** The {@code backends_version} a pod's {@code GET /status} reports. */
    static long backendsVersion(ProxyPod pod) throws IOException, InterruptedException {
        HttpResponse<String> status = get(pod.adminUrl() + "/status");
        assertThat(status.statusCode()).isEqualTo(200);
        return JSON.readTree(status.body()).path("backends_version").asLong();
    }

    /** The operator's current endpoints version: {@code status.endpoints.version} of the BalanceProxy {@code web}. */
    static long operatorVersion() {
        Object version = endpointsStatus().get("version");
        assertThat(version).as("status.endpoints.version").isInstanceOf(Number.class);
        return ((Number) version).longValue();
    }

    static int operatorCount() {
        Object count = endpointsStatus().get("count");
        assertThat(count).as("status.endpoints.count").isInstanceOf(Number.class);
        return ((Number) count).intValue();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> endpointsStatus() {
        var proxy = sandbox.client().genericKubernetesResources(SandboxEndToEndTest.BALANCE_PROXIES).inNamespace("default")
                .withName("web").get();
        assertThat(proxy).isNotNull();
        Object status = proxy.getAdditionalProperties().get("status");
        assertThat(status).isInstanceOf(Map.class);
        Object endpoints = ((Map<String, Object>) status).get("endpoints");
        assertThat(endpoints).as("status.endpoints").isInstanceOf(Map.class);
        return (Map<String, Object>) endpoints;
    }

    static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
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

    /** Nearest-rank percentile. */
    static long percentile(List<Long> values, int p) {
        List<Long> sorted = values.stream().sorted().collect(Collectors.toList());
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    static long millis(long nanos) {
        return Duration.ofNanos(nanos).toMillis();
    }
}
