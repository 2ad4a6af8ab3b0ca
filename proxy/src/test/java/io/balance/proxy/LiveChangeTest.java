package io.balance.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.balance.proxy.testing.RunningProxy;
import io.balance.proxy.testing.TestHttpBackend;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Changes made while traffic flows: backend sets replaced, backends removed, the proxy drained. */
class LiveChangeTest {
    private static final String TOKEN = "t0ken";

    @TempDir
    Path dir;

    private final TestHttpBackend a = TestHttpBackend.start("a");
    private final TestHttpBackend b = TestHttpBackend.start("b");
    private final TestHttpBackend c = TestHttpBackend.start("c");
    private final ExecutorService clients = Executors.newFixedThreadPool(6);
    private RunningProxy proxy;

    @AfterEach
    void stop() {
        clients.shutdownNow();
        if (proxy != null) {
            proxy.close();
        }
        a.close();
        b.close();
        c.close();
    }

    private RunningProxy start(String extra) throws Exception {
        Path token = Files.writeString(dir.resolve("token"), TOKEN);
        proxy = RunningProxy.start("""
                mode: http
                dynamic_backends: true
                admin: {token_file: "%s"}
                %s
                """.formatted(token, extra));
        return proxy;
    }

    private void push(long version, TestHttpBackend... backends) throws Exception {
        StringBuilder list = new StringBuilder();
        for (TestHttpBackend backend : backends) {
            list.append(list.length() > 0 ? "," : "").append("{\"name\":\"").append(backend.name())
                    .append("\",\"address\":\"").append(backend.address()).append("\"}");
        }
        HttpResponse<String> response = proxy.admin("PUT", "/backends", TOKEN, "{\"version\":" + version + ",\"backends\":[" + list + "]}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    /** Runs GET loops on several threads until stopped; collects every outcome. */
    private List<Future<?>> load(String path, AtomicBoolean running, AtomicInteger ok, ConcurrentLinkedQueue<String> failures, int threads) {
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(clients.submit(() -> {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (running.get() && System.nanoTime() < deadline) {
                    try {
                        HttpResponse<String> response = RunningProxy.client().send(
                                HttpRequest.newBuilder(URI.create(proxy.url(path))).timeout(Duration.ofSeconds(10)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() == 200) {
                            ok.incrementAndGet();
                        } else {
                            failures.add(response.statusCode() + " " + response.body());
                        }
                    } catch (Exception e) {
                        failures.add(e.toString());
                    }
                }
            }));
        }
        return futures;
    }

    @Test
    void replacesTheBackendSetUnderLoadWithoutFailingARequest() throws Exception {
        start("");
        push(1, a, b);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger ok = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        List<Future<?>> load = load("/delay/5", running, ok, failures, 4);
        TestHttpBackend[][] sets = {{b, c}, {c, a}, {a}, {a, b, c}, {c}};
        for (int i = 0; i < 15; i++) {
            int before = ok.get();
            push(i + 2, sets[i % sets.length]);
            await().atMost(Duration.ofSeconds(10)).until(() -> ok.get() >= before + 20);
        }
        running.set(false);
        for (Future<?> f : load) {
            f.get(20, TimeUnit.SECONDS);
        }
        assertThat(failures).isEmpty();
        assertThat(ok.get()).isGreaterThan(300);

        int cBefore = c.requests();
        int aBefore = a.requests();
        for (int i = 0; i < 10; i++) {
            assertThat(proxy.get("/").body()).isEqualTo("c");
        }
        assertThat(c.requests() - cBefore).isEqualTo(10);
        assertThat(a.requests()).isEqualTo(aBefore);
    }

    @Test
    void letsRequestsInFlightOnARemovedBackendFinish() throws Exception {
        start("");
        push(1, a);
        CompletableFuture<HttpResponse<String>> slow = RunningProxy.client().sendAsync(
                HttpRequest.newBuilder(URI.create(proxy.url("/delay/1500"))).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(5)).until(() -> a.requests("/delay/1500") == 1);

        push(2, b);

        assertThat(proxy.get("/").body()).isEqualTo("b");
        assertThat(proxy.admin("GET", "/backends", null, null).body())
                .contains("\"state\" : \"draining\"").contains("\"name\" : \"a\"");
        HttpResponse<String> finished = slow.get(10, TimeUnit.SECONDS);
        assertThat(finished.statusCode()).isEqualTo(200);
        assertThat(finished.body()).isEqualTo("a");
        await().atMost(Duration.ofSeconds(5)).until(() -> !proxy.admin("GET", "/backends", null, null).body().contains("draining"));
        assertThat(proxy.admin("GET", "/backends", null, null).body()).doesNotContain("\"name\" : \"a\"");
    }

    @Test
    void reloadsTheConfigUnderLoadWithoutDroppingAConnection() throws Exception {
        proxy = RunningProxy.start("""
                mode: http
                backends: [{name: a, address: "%s"}, {name: b, address: "%s"}]
                load_balancer: {algorithm: round-robin}
                """.formatted(a.address(), b.address()));
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger ok = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        List<Future<?>> load = load("/delay/2", running, ok, failures, 4);
        String[] algorithms = {"least-connections", "ip-hash", "random", "weighted-round-robin", "round-robin"};
        for (int i = 0; i < 10; i++) {
            int before = ok.get();
            var next = RunningProxy.load("""
                    mode: http
                    backends: [{name: a, address: "%s"}, {name: c, address: "%s"}]
                    load_balancer: {algorithm: %s}
                    """.formatted(a.address(), (i % 2 == 0 ? c : b).address(), algorithms[i % algorithms.length]))
                    .withListen(proxy.server().config().listen(), proxy.server().config().admin().listen());
            assertThat(proxy.server().reloadFromFile(next).applied()).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> ok.get() >= before + 20);
        }
        running.set(false);
        for (Future<?> f : load) {
            f.get(20, TimeUnit.SECONDS);
        }
        assertThat(failures).isEmpty();
        assertThat(proxy.metric("balance_config_reloads_total{result=\"success\"}")).isEqualTo(10.0);
    }

    @Test
    void keepsTheConfigInForceWhenAReloadIsInvalidOrNeedsARestart() throws Exception {
        proxy = RunningProxy.start("""
                mode: http
                backends: [{name: a, address: "%s"}]
                """.formatted(a.address()));
        var config = proxy.server().config();
        var broken = config.withBackends(List.of(io.balance.api.config.BackendConfig.of("no-port")));
        var result = proxy.server().reloadFromFile(broken);
        assertThat(result.outcome()).isEqualTo(ReloadResult.Outcome.INVALID);
        assertThat(result.messages()).anyMatch(m -> m.startsWith("backends[0].address"));
        var moved = config.withListen("127.0.0.1:1", config.admin().listen());
        assertThat(proxy.server().reloadFromFile(moved).messages()).anyMatch(m -> m.contains("listen"));
        assertThat(proxy.get("/").body()).isEqualTo("a");
        assertThat(proxy.metric("balance_config_reloads_total{result=\"failure\"}")).isEqualTo(2.0);
    }

    @Test
    void drainsWithoutFailingAcceptedRequests() throws Exception {
        start("shutdown: {drain_delay: 300ms, grace_period: 10s}");
        push(1, a, b);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger ok = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        CompletableFuture<HttpResponse<String>> slow = RunningProxy.client().sendAsync(
                HttpRequest.newBuilder(URI.create(proxy.url("/delay/1500"))).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        List<Future<?>> load = load("/delay/2", running, ok, failures, 3);
        await().atMost(Duration.ofSeconds(10)).until(() -> ok.get() > 50);

        CompletableFuture<Void> stopped = proxy.server().drain();
        assertThat(proxy.admin("GET", "/ready", null, null).statusCode()).isEqualTo(503);
        running.set(false);
        for (Future<?> f : load) {
            f.get(20, TimeUnit.SECONDS);
        }

        assertThat(failures).isEmpty();
        HttpResponse<String> finished = slow.get(10, TimeUnit.SECONDS);
        assertThat(finished.statusCode()).isEqualTo(200);
        assertThat(finished.headers().firstValue("connection")).hasValue("close");
        stopped.get(15, TimeUnit.SECONDS);
    }
}
