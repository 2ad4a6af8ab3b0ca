package io.balance.api.validation;

import static io.balance.api.validation.Validate.file;
import static io.balance.api.validation.Validate.withBackend;
import static org.assertj.core.api.Assertions.assertThat;

import io.balance.api.config.HealthCheckType;
import io.balance.api.config.Mode;
import io.balance.api.config.ProxyConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConfigValidatorTest {

    @Test
    void reportsEveryProblemOfABadFileAtOnce() {
        ValidationResult result = file("""
                mode: tcp
                listen: "8080"
                backends:
                  - {address: "127.0.0.1:9001", weight: -1}
                  - {address: "127.0.0.1:9001"}
                load_balancer: {algorithm: consistent-hash, hash_key: "header:X-User-ID"}
                health_check: {interval: 1s, timeout: 2s, intervl: 5s}
                resilience: {retry: {max_attempts: 0}}
                timeouts: {connect: 0s}
                logging: {level: debug}
                tls: {enabled: true}
                """);

        assertThat(result.isValid()).isFalse();
        assertThat(result.render(PathStyle.FILE, result.errors())).containsExactly(
                "health_check.intervl: unknown key \"intervl\"; did you mean \"interval\"?",
                "listen: address \"8080\" is a bare port; write \":8080\" for every interface or host:port, e.g. 10.0.0.5:8080",
                "backends[0].weight: must be between 1 and 10000; got -1",
                "backends[1].address: address \"127.0.0.1:9001\" is already used by backends[0]",
                "load_balancer.hash_key: header hashing needs mode: http; in tcp mode only source-ip is available",
                "health_check.timeout: must not exceed interval (1s); a probe would still run when the next one starts",
                "resilience.retry.max_attempts: must be between 1 and 10; got 0",
                "timeouts.connect: must be a positive duration, e.g. 5s; got 0s",
                "tls.enabled: TLS termination is not supported yet; terminate TLS in front of Balance for now");
        assertThat(result.render(PathStyle.FILE, result.warnings())).containsExactly(
                "logging.level: accepted for compatibility and ignored: Balance logs at info level;"
                        + " change it with the JVM option -Dorg.slf4j.simpleLogger.defaultLogLevel=debug");
    }

    @Test
    void aFullyValidConfigHasNoProblems() {
        ValidationResult result = file("""
                mode: http
                listen: ":8080"
                dynamic_backends: false
                backends:
                  - {name: api-1, address: "127.0.0.1:9001", weight: 3, max_connections: 100}
                  - {name: api-2, address: "127.0.0.1:9002", weight: 1}
                  - {address: "[::1]:9003"}
                load_balancer: {algorithm: bounded-consistent-hash, hash_key: "header:X-User-ID", virtual_nodes: 160, load_factor: 1.25}
                health_check:
                  enabled: true
                  type: http
                  interval: 5s
                  timeout: 1s
                  path: /healthz
                  expected_status: "200-399"
                  passive_checks: {enabled: true, consecutive_failures: 3, error_rate_threshold: 0.5, window: 1m,
                                   error_rate_min_requests: 20, ejection_time: 10s, max_ejection_time: 2m, max_ejection_percent: 50}
                resilience:
                  circuit_breaker: {enabled: true, max_failures: 5, timeout: 30s, max_concurrent_requests: 2}
                  retry: {enabled: true, max_attempts: 2, initial_delay: 25ms, max_delay: 250ms, multiplier: 2.0, jitter: 0.2,
                          retry_on: [502, 503], budget_percent: 20, min_retries: 3}
                  limits: {max_connections: 2048, max_pending_requests: 512, max_requests: 2048}
                timeouts: {connect: 2s, read: 30s, write: 30s, idle: 60s, request: 1m}
                tls: {enabled: false}
                http: {trusted_proxies: ["10.0.0.0/8"], max_request_line: 8192, max_header_size: 16384, max_headers: 100,
                       max_idle_conns_per_host: 100, idle_conn_timeout: 90s, enable_websocket: false, enable_http2: false}
                metrics: {enabled: true, listen: ":9090", path: /metrics}
                admin: {listen: ":9090", token_file: /etc/balance/token}
                transport: {type: auto, event_loops: 0}
                shutdown: {drain_delay: 5s, grace_period: 30s}
                """);

        assertThat(result.problems()).isEmpty();
        assertThat(result.isValid()).isTrue();
    }

    @Test
    void theDefaultsAreValidOnceThereIsABackend() {
        ValidationResult empty = new ConfigValidator().validate(ProxyConfig.empty());
        assertThat(empty.render(PathStyle.FILE, empty.problems())).containsExactly(
                "backends: at least one backend is required (or set dynamic_backends: true to have the admin API fill the list)");
        assertThat(withBackend("").problems()).isEmpty();
    }

    @Test
    void warningsDoNotMakeAConfigInvalid() {
        ValidationResult result = withBackend("http: {max_idle_conns_per_host: 0}");

        assertThat(result.isValid()).isTrue();
        assertThat(result.errors()).isEmpty();
        assertThat(result.warnings()).singleElement().satisfies(warning -> {
            assertThat(warning.severity()).isEqualTo(Severity.WARNING);
            assertThat(warning.path()).isEqualTo(FieldPath.of("http", "maxIdleConnsPerHost"));
        });
    }

    @Test
    void theDefaultsFollowTheOriginalFormat() {
        ProxyConfig defaults = ProxyConfig.empty();
        assertThat(defaults.mode()).as("mode omitted").isEqualTo(Mode.TCP);
        assertThat(defaults.healthCheck().enabled()).as("active health checks without health_check").isFalse();
        assertThat(defaults.healthCheck().timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(defaults.healthCheck().type()).isEqualTo(HealthCheckType.TCP);
        assertThat(defaults.healthCheck().passiveChecks().errorRateThreshold()).isZero();
        assertThat(defaults.healthCheck().passiveChecks().window()).isEqualTo(Duration.ofMinutes(1));
        assertThat(defaults.resilience().circuitBreaker().maxConcurrentRequests()).isEqualTo(1);
        assertThat(defaults.resilience().retry().multiplier()).isEqualTo(2.0);
        assertThat(defaults.resilience().retry().jitter()).isEqualTo(0.2);
        assertThat(defaults.http().maxIdleConnsPerHost()).isEqualTo(100);
        assertThat(defaults.http().idleConnTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(defaults.http().enableWebsocket()).as("no http section: WebSocket stays off").isFalse();
        assertThat(defaults.http().enableHttp2()).as("no http section: HTTP/2 stays off").isFalse();
        assertThat(defaults.admin().listen()).isEqualTo(":9090");
        assertThat(defaults.metrics().listen()).isNull();
    }

    @Test
    void aHealthCheckSectionWithoutEnabledRunsNoActiveProbes() {
        ValidationResult result = withBackend("health_check: {type: http, path: /healthz, interval: 5s}");
        assertThat(result.problems()).isEmpty();
        ProxyConfig config = Validate.load(Validate.ONE_BACKEND + "health_check: {type: http, path: /healthz, interval: 5s}");
        assertThat(config.healthCheck().enabled()).isFalse();
        assertThat(Validate.load(Validate.ONE_BACKEND + "health_check: {enabled: true}").healthCheck().enabled()).isTrue();
    }

    @Test
    void resourceStyleSpellsPathsLikeTheCustomResource() {
        ValidationResult result = withBackend("load_balancer: {algorithm: consistent-hash, hash_key: bogus}");

        Problem problem = result.errors().get(0);
        assertThat(problem.path()).isEqualTo(FieldPath.of("loadBalancer", "hashKey"));
        assertThat(problem.render(PathStyle.RESOURCE)).isEqualTo(
                "spec.loadBalancer.hashKey: invalid hash key \"bogus\"; valid: source-ip, header:NAME (e.g. header:X-User-ID)");
        assertThat(problem.render(PathStyle.FILE)).startsWith("load_balancer.hash_key: ");
        assertThat(problem.render(PathStyle.MODEL)).startsWith("loadBalancer.hashKey: ");
    }

    @Test
    void pathStylesSpellIndexesAndTheRoot() {
        FieldPath path = FieldPath.of("healthCheck", "passiveChecks").field("maxEjectionTime");
        assertThat(PathStyle.FILE.render(path)).isEqualTo("health_check.passive_checks.max_ejection_time");
        assertThat(PathStyle.RESOURCE.render(path)).isEqualTo("spec.healthCheck.passiveChecks.maxEjectionTime");
        FieldPath indexed = FieldPath.of("resilience", "retry", "retryOn").index(2);
        assertThat(PathStyle.FILE.render(indexed)).isEqualTo("resilience.retry.retry_on[2]");
        assertThat(PathStyle.RESOURCE.render(FieldPath.of("backends").index(0).field("maxConnections")))
                .isEqualTo("spec.backends[0].maxConnections");
        assertThat(PathStyle.FILE.render(FieldPath.ROOT)).isEqualTo("(root)");
        assertThat(PathStyle.RESOURCE.render(FieldPath.ROOT)).isEqualTo("spec");
    }

    @Test
    void aValueThatFailedToMapIsReportedOnceNotAgainAsItsDefault() {
        ValidationResult listExpected = file("backends: {address: \"127.0.0.1:9001\"}");
        assertThat(listExpected.render(PathStyle.FILE, listExpected.errors())).containsExactly(
                "backends: expected a list, got a mapping");

        ValidationResult wrongType = file("backends: [{address: [\"127.0.0.1:9001\"]}]");
        assertThat(wrongType.render(PathStyle.FILE, wrongType.errors())).containsExactly(
                "backends[0].address: expected a string, got a list");

        ValidationResult badEntry = withBackend("resilience: {retry: {retry_on: [502, 5xx], max_attempts: 0}}");
        assertThat(badEntry.render(PathStyle.FILE, badEntry.errors())).containsExactly(
                "resilience.retry.retry_on[1]: expected a whole number, got \"5xx\"",
                "resilience.retry.max_attempts: must be between 1 and 10; got 0");
    }

    @Test
    void fieldPathsKnowWhatTheyContain() {
        FieldPath backends = FieldPath.of("backends");
        assertThat(backends.index(0).field("address").isWithin(backends)).isTrue();
        assertThat(backends.isWithin(backends)).isTrue();
        assertThat(backends.isWithin(FieldPath.ROOT)).isTrue();
        assertThat(backends.isWithin(backends.index(0))).isFalse();
        assertThat(FieldPath.of("backendsX").isWithin(backends)).isFalse();
    }
}
