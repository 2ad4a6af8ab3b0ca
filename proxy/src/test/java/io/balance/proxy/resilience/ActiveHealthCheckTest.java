package io.balance.proxy.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.balance.proxy.testing.RunningProxy;
import io.balance.proxy.testing.TestHttpBackend;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ActiveHealthCheckTest {
    @RegisterExtension
    final TwoBackends stage = new TwoBackends();
    private final TestHttpBackend a = stage.a;
    private final TestHttpBackend b = stage.b;
    private RunningProxy proxy;

    /** {@code probe}: the probe's own health_check keys, in flow style. */
    private RunningProxy proxy(String probe) {
        proxy = stage.proxy("""
                load_balancer: {algorithm: round-robin}
                health_check: {enabled: true, interval: 200ms, timeout: 200ms, healthy_threshold: 2, unhealthy_threshold: 2, %s}
                """.formatted(probe));
        return proxy;
    }

    @Test
    void marksABackendUnhealthyWhileItsHealthEndpointFailsAndHealthyWhenItRecovers() throws Exception {
        proxy("type: http, path: /health, expected_status: \"200\"");
        await().atMost(Duration.ofSeconds(10)).until(() -> a.requests("/health") >= 2 && b.requests("/health") >= 2);
        assertThat(Traffic.healthy(proxy, "a")).isEqualTo(1.0);

        a.statusFor("/health", 503);
        await().atMost(Duration.ofSeconds(10)).until(() -> Traffic.state(proxy, "a").equals("unhealthy"));
        assertThat(Traffic.backend(proxy, "a").get("reason").asText()).contains("status 503");
        assertThat(Traffic.healthy(proxy, "a")).isZero();
        assertThat(Traffic.healthy(proxy, "b")).isEqualTo(1.0);
        int aServed = a.requests("/work");
        for (int i = 0; i < 10; i++) {
            assertThat(Traffic.get(proxy, "/work").body()).isEqualTo("b");
        }
        assertThat(a.requests("/work")).isEqualTo(aServed);
        assertThat(Traffic.requests(proxy, "b", 200)).isGreaterThanOrEqualTo(10);

        a.statusFor("/health", 0);
        await().atMost(Duration.ofSeconds(10)).until(() -> Traffic.state(proxy, "a").equals("healthy"));
        assertThat(Traffic.healthy(proxy, "a")).isEqualTo(1.0);
        await().atMost(Duration.ofSeconds(10)).until(() -> Traffic.get(proxy, "/work").body().equals("a"));
    }

    @Test
    void judgesTheStatusAgainstExpectedStatusAndSendsTheConfiguredHost() throws Exception {
        proxy("type: http, path: /status/204, expected_status: \"204\", host: probe.example");
        await().atMost(Duration.ofSeconds(10)).until(() -> a.requests("/status/204") >= 3);
        assertThat(a.lastHeaders("/status/204").get("Host")).isEqualTo("probe.example");
        assertThat(a.lastHeaders("/status/204").get("User-Agent")).isEqualTo("balance-health-check");
        assertThat(Traffic.state(proxy, "a")).isEqualTo("healthy");

        a.statusFor("/status/204", 200);
        await().atMost(Duration.ofSeconds(10)).until(() -> Traffic.state(proxy, "a").equals("unhealthy"));
        assertThat(Traffic.backend(proxy, "a").get("reason").asText()).contains("status 200 is not in expected_status");
        assertThat(Traffic.healthy(proxy, "a")).isZero();
        assertThat(Traffic.state(proxy, "b")).isEqualTo("healthy");
    }

    @Test
    void aTcpProbeFailsWhenNothingListens() throws Exception {
        proxy("type: tcp");
        await().atMost(Duration.ofSeconds(10)).until(() -> a.connections() >= 2);
        assertThat(Traffic.state(proxy, "a")).isEqualTo("healthy");
        a.kill();
        await().atMost(Duration.ofSeconds(10)).until(() -> Traffic.state(proxy, "a").equals("unhealthy"));
        assertThat(Traffic.backend(proxy, "a").get("reason").asText()).contains("connect failed");
        a.listen(a.port());
        await().atMost(Duration.ofSeconds(10)).until(() -> Traffic.state(proxy, "a").equals("healthy"));
        assertThat(Traffic.healthy(proxy, "a")).isEqualTo(1.0);
    }

    @Test
    void probesOverTlsWhenTheTypeIsHttps() throws Exception {
        try (TlsHealthServer tls = new TlsHealthServer()) {
            proxy = stage.start("""
                    mode: http
                    backends:
                      - {name: secure, address: "%s"}
                      - {name: b, address: "%s"}
                    health_check: {enabled: true, type: https, path: /health, interval: 1s, timeout: 1s,
                                   healthy_threshold: 1, unhealthy_threshold: 1, jitter: 0.5}
                    """.formatted(tls.address(), b.address()));
            await().atMost(Duration.ofSeconds(20)).until(() -> tls.requests() >= 2 && Traffic.state(proxy, "secure").equals("healthy"));
            tls.status(500);
            await().atMost(Duration.ofSeconds(20)).until(() -> Traffic.state(proxy, "secure").equals("unhealthy"));
            assertThat(Traffic.healthy(proxy, "secure")).isZero();
            tls.status(200);
            await().atMost(Duration.ofSeconds(20)).until(() -> Traffic.state(proxy, "secure").equals("healthy"));
        }
    }

    @Test
    void sendsNoProbesWhenActiveChecksAreOff() throws Exception {
        proxy = stage.start("""
                mode: http
                backends:
                  - {name: a, address: "%s"}
                health_check: {enabled: false, type: http, path: /health, interval: 100ms, timeout: 100ms}
                """.formatted(a.address()));
        a.statusFor("/health", 503);
        assertThat(Traffic.get(proxy, "/").statusCode()).isEqualTo(200);
        assertThat(Traffic.state(proxy, "a")).isEqualTo("healthy");
        assertThat(a.requests("/health")).isZero();
        assertThat(Traffic.healthy(proxy, "a")).isEqualTo(1.0);
    }
}
