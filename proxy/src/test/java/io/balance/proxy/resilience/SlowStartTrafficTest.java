package io.balance.proxy.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.balance.proxy.testing.RunningProxy;
import io.balance.proxy.testing.TestHttpBackend;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Slow start over real sockets: a backend pushed into a running set, or back from an ejection, ramps up to its fair share. */
class SlowStartTrafficTest {
    private static final String TOKEN = "t0ken";
    private static final int CLIENTS = 4;

    @TempDir
    Path dir;

    @RegisterExtension
    final TwoBackends stage = new TwoBackends();
    private final TestHttpBackend a = stage.a;
    private final TestHttpBackend b = stage.b;
    private final TestHttpBackend c = TestHttpBackend.start("c");
    private RunningProxy proxy;

    @AfterEach
    void stopC() {
        c.close();
    }

    /** a and b behind a proxy with a 6 s slow-start window and an admin token; {@code keys} adds the rest. */
    private RunningProxy proxyWithWindow(String keys) throws Exception {
        return stage.proxy("""
                load_balancer: {algorithm: round-robin, slow_start_window: 6s}
                admin: {token_file: "%s"}
                """.formatted(Files.writeString(dir.resolve("token"), TOKEN)) + keys);
    }

    @Test
    void aPushedBackendTakesLessThanItsShareAtFirstAndItsFairShareAfterTheWindow() throws Exception {
        proxy = proxyWithWindow("");
        assertThat(remainingMillis("a")).as("the first set starts together").isZero();

        try (Traffic.Load load = new Traffic.Load(proxy, "/", CLIENTS)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> a.requests() >= 20 && b.requests() >= 20);
            push(a, b, c);
            int oldAtPush = a.requests() + b.requests();
            assertThat(remainingMillis("c")).as("c is ramping").isBetween(1L, 6000L);
            assertThat(remainingMillis("a")).isZero();

            // the first second of the window: share 10%-17%, about 5%-8% of the picks instead of a third
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> remainingMillis("c") <= 5000);
            int early = c.requests();
            int earlyTotal = early + a.requests() + b.requests() - oldAtPush;
            assertThat(earlyTotal).as("requests in the first second").isGreaterThanOrEqualTo(30);
            assertThat((double) early / earlyTotal).as("c's part of %d requests in the first second", earlyTotal)
                    .isLessThan(0.2);

            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> remainingMillis("c") == 0);
            int cAfter = c.requests();
            int allAfter = cAfter + a.requests() + b.requests();
            await().atMost(Duration.ofSeconds(30)).until(() -> c.requests() + a.requests() + b.requests() >= allAfter + 600);
            int late = c.requests() - cAfter;
            int lateTotal = c.requests() + a.requests() + b.requests() - allAfter;
            assertThat((double) late / lateTotal).as("c's part of %d requests after the window", lateTotal)
                    .isBetween(0.28, 0.39);
            assertThat(load.failures()).isEmpty();
        }
    }

    @Test
    void aBackendBackFromEjectionRampsAgain() throws Exception {
        proxy = proxyWithWindow("""
                health_check: {enabled: false, passive_checks: {consecutive_failures: 2, ejection_time: 1s}}
                resilience: {circuit_breaker: {enabled: false}}
                """);
        a.kill();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            assertThat(Traffic.get(proxy, "/").statusCode()).as("failed over to b").isEqualTo(200);
            return Traffic.state(proxy, "a").equals("ejected");
        });
        assertThat(remainingMillis("a")).isZero();

        a.listen(a.port());

        await().atMost(Duration.ofSeconds(10)).until(() -> Traffic.state(proxy, "a").equals("healthy"));
        assertThat(remainingMillis("a")).as("back from ejection: ramping").isBetween(1L, 6000L);
        assertThat(remainingMillis("b")).isZero();
    }

    private void push(TestHttpBackend... backends) throws Exception {
        StringBuilder list = new StringBuilder();
        for (TestHttpBackend backend : backends) {
            list.append(list.length() > 0 ? "," : "").append("{\"name\":\"").append(backend.name())
                    .append("\",\"address\":\"").append(backend.address()).append("\"}");
        }
        HttpResponse<String> response = proxy.admin("PUT", "/backends", TOKEN, "{\"version\":1,\"backends\":[" + list + "]}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private long remainingMillis(String backend) throws Exception {
        return Traffic.backend(proxy, backend).get("slow_start_remaining_ms").asLong();
    }
}
