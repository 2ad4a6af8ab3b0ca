package io.balance.proxy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.balance.proxy.testing.FreePorts;
import io.balance.proxy.testing.TestHttpBackend;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code balance run} as a real process: drain on SIGTERM under load, reload on SIGHUP and on a
 * file change, refusal of an invalid file at start. Every wait is bounded and the process is
 * always killed at the end.
 */
class RunProcessTest {
    private static final Duration DRAIN_DELAY = Duration.ofMillis(500);
    private static final Duration GRACE = Duration.ofSeconds(10);

    private final TestHttpBackend a = TestHttpBackend.start("a");
    private final TestHttpBackend b = TestHttpBackend.start("b");
    private final int port = FreePorts.next();
    private final int adminPort = FreePorts.next();
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @TempDir
    Path dir;

    private ProxyProcess proxy;

    @AfterEach
    void stop() throws Exception {
        try {
            if (proxy != null) {
                proxy.close();
            }
        } finally {
            a.close();
            b.close();
        }
    }

    private Path configFile() {
        return dir.resolve("balance.yaml");
    }

    /** Replaces the file in one step, as an editor or a ConfigMap update does, so no half-written file is read. */
    private void writeConfig(String algorithm, List<TestHttpBackend> backends, String extra) throws IOException {
        StringBuilder list = new StringBuilder();
        for (TestHttpBackend backend : backends) {
            list.append("  - {name: ").append(backend.name()).append(", address: \"").append(backend.address()).append("\"}\n");
        }
        String yaml = """
                mode: http
                listen: "127.0.0.1:%d"
                admin: {listen: "127.0.0.1:%d"}
                load_balancer: {algorithm: %s}
                backends:
                %s%s
                """.formatted(port, adminPort, algorithm, list, extra);
        Path next = dir.resolve("balance.yaml.next");
        Files.writeString(next, yaml, StandardCharsets.UTF_8);
        Files.move(next, configFile(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private ProxyProcess start(String... extraArgs) throws IOException {
        proxy = ProxyProcess.start(configFile(), adminPort, dir.resolve("proxy.log"), extraArgs);
        return proxy;
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String backendOf(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(() -> "status; proxy " + proxy.describe()).isEqualTo(200);
        return response.body();
    }

    private double reloads(String result) throws IOException {
        return proxy.metric("balance_config_reloads_total{result=\"" + result + "\"}");
    }

    @Test
    void sigtermUnderLoadAnswersEveryAcceptedRequestCompletelyAndExitsZero() throws Exception {
        writeConfig("round-robin", List.of(a, b), "shutdown: {drain_delay: 500ms, grace_period: 10s}");
        start().awaitReady();

        // Two clients send short requests, two send requests that outlast the drain delay, so
        // some are still in flight when the listener closes and idle connections are swept.
        List<String> paths = List.of("/delay/50", "/delay/1500", "/delay/50", "/delay/1500");
        AtomicBoolean stopSending = new AtomicBoolean();
        AtomicInteger complete = new AtomicInteger();
        AtomicInteger closing = new AtomicInteger();
        AtomicInteger outlivedListener = new AtomicInteger();
        AtomicLong sigterm = new AtomicLong(Long.MAX_VALUE);
        Queue<String> failures = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(paths.size());
        List<Future<?>> loops = new ArrayList<>();
        try {
            for (String path : paths) {
                loops.add(pool.submit(() -> {
                    // A request is only sent while the proxy still reports ready; one that was
                    // sent must then get a complete 200, however the drain goes on around it.
                    while (!stopSending.get()) {
                        try {
                            HttpResponse<String> response = get(path);
                            if (response.statusCode() != 200 || !Set.of("a", "b").contains(response.body())) {
                                failures.add(path + ": status " + response.statusCode() + " body " + response.body());
                                continue;
                            }
                            complete.incrementAndGet();
                            if (response.headers().firstValue("connection").orElse("").equalsIgnoreCase("close")) {
                                closing.incrementAndGet();
                            }
                            if (System.nanoTime() - sigterm.get() > DRAIN_DELAY.plusMillis(100).toNanos()) {
                                outlivedListener.incrementAndGet();
                            }
                        } catch (IOException e) {
                            failures.add(path + ": " + e);
                        }
                    }
                    return null;
                }));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> complete.get() >= 20);

            sigterm.set(System.nanoTime());
            proxy.terminate();
            AtomicInteger readiness = new AtomicInteger();
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10))
                    .until(() -> {
                        readiness.set(proxy.ready());
                        return readiness.get() != 200;
                    });
            stopSending.set(true);
            assertThat(readiness.get()).as("/ready while draining").isEqualTo(503);

            for (Future<?> loop : loops) {
                loop.get(30, TimeUnit.SECONDS);
            }
            Integer exit = proxy.awaitExit(GRACE.plusSeconds(10));
            Duration drained = Duration.ofNanos(System.nanoTime() - sigterm.get());

            assertThat(failures).as(() -> "failed requests; proxy " + proxy.describe()).isEmpty();
            assertThat(outlivedListener.get()).as("requests still in flight when the listener closed, answered").isPositive();
            assertThat(closing.get()).as("responses sent while draining carry Connection: close").isPositive();
            assertThat(exit).as(() -> "exit code; proxy " + proxy.describe()).isEqualTo(0);
            assertThat(drained).as("time from SIGTERM to exit").isLessThan(GRACE);
            assertThat(proxy.log()).contains("SIGTERM received");
        } finally {
            stopSending.set(true);
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    private static final String SIGHUP_IGNORED = "SIGHUP was ignored when the proxy started";

    /** Waits for {@code condition}, polling every 100 ms; a timeout reports the proxy's log. */
    private void awaitProxy(Duration atMost, Callable<Boolean> condition) {
        try {
            await().atMost(atMost).pollInterval(Duration.ofMillis(100)).until(condition);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "; proxy " + proxy.describe(), e);
        }
    }

    @Test
    void sighupAppliesTheChangedFileAndKeepsTheOldConfigWhenTheNewOneIsInvalid() throws Exception {
        writeConfig("round-robin", List.of(a), "");
        start("--watch-interval", "0").awaitReady();
        assumeFalse(proxy.log().contains(SIGHUP_IGNORED), "this test runs with SIGHUP ignored (under nohup?): the proxy cannot get one");
        for (int i = 0; i < 3; i++) {
            assertThat(backendOf(get("/"))).isEqualTo("a");
        }

        writeConfig("round-robin", List.of(a, b), "");
        proxy.signal("HUP");
        awaitProxy(Duration.ofSeconds(10), () -> backendOf(get("/")).equals("b"));
        assertThat(reloads("success")).isEqualTo(1.0);

        writeConfig("fastest", List.of(a, b), "");
        proxy.signal("HUP");
        awaitProxy(Duration.ofSeconds(10), () -> reloads("failure") == 1.0);

        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            seen.add(backendOf(get("/")));
        }
        assertThat(seen).as("the config in force still balances over a and b").containsExactlyInAnyOrder("a", "b");
        assertThat(reloads("success")).isEqualTo(1.0);
        assertThat(reloads("failure")).isEqualTo(1.0);
        assertThat(proxy.log()).contains("reload rejected").contains("load_balancer.algorithm");
    }

    @Test
    void saysSoWhenItStartsWithSighupIgnored() throws Exception {
        writeConfig("round-robin", List.of(a), "");
        proxy = ProxyProcess.start(List.of("nohup"), configFile(), adminPort, dir.resolve("proxy.log"));
        proxy.awaitReady();

        assertThat(proxy.log()).contains(SIGHUP_IGNORED).contains("a change of the file still reloads it");
        assertThat(backendOf(get("/"))).isEqualTo("a");
    }

    @Test
    void aChangedFileIsReloadedWithoutASignal() throws Exception {
        writeConfig("round-robin", List.of(a), "");
        start("--watch-interval", "1").awaitReady();
        assertThat(backendOf(get("/"))).isEqualTo("a");

        writeConfig("round-robin", List.of(a, b), "");
        awaitProxy(Duration.ofSeconds(15), () -> backendOf(get("/")).equals("b"));
        assertThat(reloads("success")).isEqualTo(1.0);

        // A bad edit is refused once (not on every poll) and the config in force keeps serving.
        writeConfig("fastest", List.of(a, b), "");
        awaitProxy(Duration.ofSeconds(15), () -> reloads("failure") == 1.0);
        await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(5)).until(() -> reloads("failure") == 1.0);
        assertThat(backendOf(get("/"))).isIn("a", "b");
    }

    @Test
    void invalidFileAtStartExitsOneWithTheNumberedProblems() throws Exception {
        writeConfig("fastest", List.of(a), "timeouts: {idle: -1s}");
        start();

        Integer exit = proxy.awaitExit(Duration.ofSeconds(30));

        assertThat(exit).as(() -> proxy.describe()).isEqualTo(1);
        assertThat(proxy.log())
                .contains("❌ Configuration validation failed with 2 error(s):")
                .contains("  1. ")
                .contains("  2. ")
                .contains("load_balancer.algorithm: ")
                .contains("timeouts.idle: ")
                .doesNotContain("Exception");
    }
}
