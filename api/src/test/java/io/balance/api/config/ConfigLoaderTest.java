package io.balance.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.balance.api.validation.PathStyle;
import io.balance.api.validation.Problem;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {
    private final ConfigLoader loader = ConfigLoader.yaml();

    @Test
    void readsTheOriginalBalanceFormat() throws Exception {
        LoadedConfig loaded = loader.parse("""
                mode: http
                listen: ":8080"
                backends:
                  - name: api-1
                    address: "10.0.0.1:8080"
                    weight: 3
                    max_connections: 100
                  - address: "10.0.0.2:8080"
                load_balancer:
                  algorithm: consistent-hash
                  hash_key: header:X-User-ID
                health_check:
                  enabled: true
                  type: http
                  interval: 5s
                  timeout: 1500ms
                  path: /healthz
                  passive_checks:
                    enabled: true
                    error_rate_threshold: 0.25
                    consecutive_failures: 3
                    window: 2m
                resilience:
                  circuit_breaker: {enabled: true, max_failures: 4, timeout: 1m30s, max_concurrent_requests: 2}
                  retry: {enabled: true, max_attempts: 2, initial_delay: 100ms, max_delay: 10s, multiplier: 1.5, jitter: 0.1}
                timeouts: {connect: 2s, idle: 1h}
                http: {enable_websocket: false, enable_http2: false, max_idle_conns_per_host: 32, idle_conn_timeout: 2m}
                metrics: {enabled: true, listen: ":9100", path: /metrics}
                """, "test");

        assertThat(loaded.problems()).isEmpty();
        ProxyConfig config = loaded.config();
        assertThat(config.mode()).isEqualTo(Mode.HTTP);
        assertThat(config.backends()).containsExactly(
                new BackendConfig("api-1", "10.0.0.1:8080", 3, 100),
                new BackendConfig("10.0.0.2:8080", "10.0.0.2:8080", 1, 0));
        assertThat(config.loadBalancer().algorithm()).isEqualTo(Algorithm.CONSISTENT_HASH);
        assertThat(config.loadBalancer().hashKey()).isEqualTo("header:X-User-ID");
        assertThat(config.healthCheck().timeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(config.healthCheck().enabled()).isTrue();
        assertThat(config.healthCheck().passiveChecks().consecutiveFailures()).isEqualTo(3);
        assertThat(config.healthCheck().passiveChecks().errorRateThreshold()).isEqualTo(0.25);
        assertThat(config.healthCheck().passiveChecks().window()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.resilience().circuitBreaker().timeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(config.resilience().circuitBreaker().maxConcurrentRequests()).isEqualTo(2);
        RetryConfig retry = config.resilience().retry();
        assertThat(retry.maxAttempts()).isEqualTo(2);
        assertThat(retry.initialDelay()).isEqualTo(Duration.ofMillis(100));
        assertThat(retry.maxDelay()).isEqualTo(Duration.ofSeconds(10));
        assertThat(retry.multiplier()).isEqualTo(1.5);
        assertThat(retry.jitter()).isEqualTo(0.1);
        assertThat(config.http().maxIdleConnsPerHost()).isEqualTo(32);
        assertThat(config.http().idleConnTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.metrics().listen()).isEqualTo(":9100");
        assertThat(config.admin().listen()).isEqualTo(":9100");
        assertThat(config.timeouts().idle()).isEqualTo(Duration.ofHours(1));
        assertThat(config.timeouts().read()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aFileWithoutModeOrHealthCheckMeansTcpWithoutActiveProbes() throws Exception {
        LoadedConfig loaded = loader.parse("backends: [{address: 'a:1'}]", "test");
        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.config().mode()).isEqualTo(Mode.TCP);
        assertThat(loaded.config().healthCheck().enabled()).isFalse();
        assertThat(loaded.config().admin().listen()).isEqualTo(":9090");
    }

    @Test
    void readsTheOriginalsLaterSections() throws Exception {
        LoadedConfig loaded = loader.parse("""
                mode: http
                backends: [{address: 'a:1'}]
                tls:
                  enabled: false
                  certificates: [{cert_file: a.crt, key_file: a.key, domains: [example.com], default: true}]
                  min_version: "1.2"
                  max_version: "1.3"
                  cipher_suites: [TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256]
                  prefer_server_cipher_suites: true
                  session_tickets_disabled: false
                  client_auth: none
                  client_ca_file: ca.crt
                  alpn_protocols: [h2, http/1.1]
                  backend: {enabled: false, insecure_skip_verify: true, ca_file: ca.pem, client_cert_file: c.crt, client_key_file: c.key}
                  sni: {routes: {"api.example.com": ["a:1"]}}
                security:
                  rate_limit: {enabled: false, type: token-bucket, requests_per_second: 100.0, burst_size: 200,
                               window_size: 1m, max_requests: 6000}
                  connection_protection: {max_connections_per_ip: 0, max_connection_rate: 0, read_timeout: 10s,
                                          max_request_size: 0, max_header_size: 0}
                  ip_blocklist: {blocked_ips: [], blocked_cidrs: []}
                connection_pool: {enabled: false, max_size: 10, max_idle_time: 5m}
                transform: {request_headers: [], response_headers: [], strip_prefix: "", add_prefix: ""}
                tracing: {enabled: false, service_name: balance-proxy, endpoint: "http://jaeger:14268", sample_rate: 1.0}
                logging: {level: info, format: text, add_caller: false, access_log: false}
                """, "test");

        assertThat(render(loaded.problems())).isEmpty();
        ProxyConfig config = loaded.config();
        assertThat(config.tls().maxVersion()).isEqualTo("1.3");
        assertThat(config.tls().alpnProtocols()).containsExactly("h2", "http/1.1");
        assertThat(config.tls().backend().insecureSkipVerify()).isTrue();
        assertThat(config.security().rateLimit().burstSize()).isEqualTo(200L);
        assertThat(config.security().connectionProtection().readTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.connectionPool().maxIdleTime()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.tracing().sampleRate()).isEqualTo(1.0);
        assertThat(config.logging().format()).isEqualTo("text");
    }

    @Test
    void legacyZeroWeightMeansOne() throws Exception {
        LoadedConfig loaded = loader.parse("backends: [{address: 'a:1', weight: 0}]", "test");
        assertThat(loaded.config().backends().get(0).weight()).isEqualTo(1);
    }

    @Test
    void reportsEveryUnknownKeyWithItsPathAndASuggestion() throws Exception {
        LoadedConfig loaded = loader.parse("""
                mode: http
                load_balancr: {algorithm: round-robin}
                backends:
                  - address: "a:1"
                    wieght: 2
                health_check: {intervl: 5s}
                """, "test");

        assertThat(render(loaded.problems())).containsExactlyInAnyOrder(
                "load_balancr: unknown key \"load_balancr\"; did you mean \"load_balancer\"?",
                "backends[0].wieght: unknown key \"wieght\"; did you mean \"weight\"?",
                "health_check.intervl: unknown key \"intervl\"; did you mean \"interval\"?");
    }

    @Test
    void anUnknownCamelCaseKeyIsReportedUnderTheKeyAsWritten() throws Exception {
        LoadedConfig loaded = loader.parse("""
                loadBalancer: {algorithm: round-robin}
                backends:
                  - address: "a:1"
                    maxConnections: 5
                """, "test");

        assertThat(render(loaded.problems())).containsExactlyInAnyOrder(
                "loadBalancer: unknown key \"loadBalancer\"; did you mean \"load_balancer\"?",
                "backends[0].maxConnections: unknown key \"maxConnections\"; did you mean \"max_connections\"?");
    }

    @Test
    void reportsEveryMistypedValueAndKeepsGoing() throws Exception {
        LoadedConfig loaded = loader.parse("""
                mode: udp
                backends:
                  - address: "a:1"
                    weight: heavy
                health_check: {interval: 5, timeout: soon}
                load_balancer: {algorithm: fastest}
                timeouts: [1, 2]
                """, "test");

        assertThat(render(loaded.problems())).containsExactlyInAnyOrder(
                "mode: unknown mode \"udp\"; valid: tcp, http",
                "backends[0].weight: expected a whole number, got \"heavy\"",
                "health_check.interval: a duration needs a unit, e.g. 5s or 100ms",
                "health_check.timeout: invalid duration \"soon\"; use a number with a unit (ns, us, ms, s, m, h), e.g. 5s, 100ms, 1m30s",
                "load_balancer.algorithm: unknown algorithm \"fastest\"; valid: round-robin, weighted-round-robin, least-connections,"
                        + " weighted-least-connections, random, consistent-hash, bounded-consistent-hash, ip-hash",
                "timeouts: expected a mapping of keys, got a list");
        assertThat(loaded.config().timeouts()).isEqualTo(TimeoutsConfig.defaults());
    }

    @Test
    void aListOrMappingWhereADurationBelongsIsNamedAsSuch() throws Exception {
        LoadedConfig loaded = loader.parse("health_check: {interval: [1s], timeout: {s: 1}}\ntimeouts: {connect: true}", "test");

        assertThat(render(loaded.problems())).containsExactly(
                "health_check.interval: expected a duration such as 5s, got a list",
                "health_check.timeout: expected a duration such as 5s, got a mapping",
                "timeouts.connect: expected a duration such as 5s, got a boolean");
    }

    @Test
    void wholeNumbersAreNeverTruncated() throws Exception {
        LoadedConfig loaded = loader.parse("""
                backends:
                  - {address: "a:1", weight: 1.5, max_connections: 99999999999}
                resilience: {retry: {retry_on: [502.5]}}
                """, "test");

        assertThat(render(loaded.problems())).containsExactly(
                "backends[0].weight: expected a whole number, got 1.5",
                "backends[0].max_connections: number 99999999999 is too large; at most 2147483647",
                "resilience.retry.retry_on[0]: expected a whole number, got 502.5");
        assertThat(loaded.config().backends()).extracting(BackendConfig::address).containsExactly("a:1");
    }

    @Test
    void aScalarWhereAListBelongsIsReportedAtItsPath() throws Exception {
        LoadedConfig loaded = loader.parse("""
                backends: [{address: "a:1"}]
                http: {trusted_proxies: "10.0.0.0/8", max_headers: 50}
                """, "test");

        assertThat(render(loaded.problems())).containsExactly("http.trusted_proxies: expected a list, got a string");
        assertThat(loaded.config().http().maxHeaders()).isEqualTo(50);
        assertThat(loaded.config().backends()).hasSize(1);
    }

    @Test
    void emptyAndMistypedListEntriesKeepTheRestOfTheSection() throws Exception {
        LoadedConfig loaded = loader.parse("""
                backends: [{address: "a:1"}, ~]
                resilience: {retry: {max_attempts: 2, retry_on: [502, 5xx]}}
                http: {trusted_proxies: [~, "10.0.0.0/8"]}
                """, "test");

        assertThat(render(loaded.problems())).containsExactly(
                "resilience.retry.retry_on[1]: expected a whole number, got \"5xx\"");
        ProxyConfig config = loaded.config();
        assertThat(config.backends()).containsExactly(BackendConfig.of("a:1"), null);
        assertThat(config.resilience().retry().maxAttempts()).isEqualTo(2);
        assertThat(config.resilience().retry().retryOn()).containsExactly(502, null);
        assertThat(config.http().trustedProxies()).containsExactly(null, "10.0.0.0/8");
    }

    @Test
    void listsInTheModelAreImmutable() throws Exception {
        ProxyConfig config = loader.parse("backends: [{address: 'a:1'}]", "test").config();
        assertThatThrownBy(() -> config.backends().add(BackendConfig.of("b:1")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void malformedYamlIsOneClearLine() {
        assertThatThrownBy(() -> loader.parse("mode: http\nbackends: [\n", "cfg.yaml"))
                .isInstanceOf(ConfigFileException.class)
                .hasMessageStartingWith("cfg.yaml is not valid YAML: ")
                .hasMessageContaining("line ");
    }

    @Test
    void aDuplicateKeyIsOneLineWithItsPathAndPosition() {
        assertThatThrownBy(() -> loader.parse("mode: http\nmode: tcp\n", "cfg.yaml"))
                .isInstanceOf(ConfigFileException.class)
                .hasMessage("cfg.yaml is not valid YAML: duplicate key mode (line 2, column 5)");
        assertThatThrownBy(() -> loader.parse("""
                backends:
                  - address: "a:1"
                    address: "a:2"
                """, "cfg.yaml"))
                .hasMessage("cfg.yaml is not valid YAML: duplicate key backends[0].address (line 3, column 12)")
                .hasNoCause();
    }

    @Test
    void aYamlAliasIsRefusedInOneLineInsteadOfReadAsAString() {
        assertThatThrownBy(() -> loader.parse("""
                x-common: &t {connect: 1s}
                timeouts: *t
                """, "cfg.yaml"))
                .isInstanceOf(ConfigFileException.class)
                .hasMessage("cfg.yaml uses a YAML alias (*t, line 2); aliases and anchors are not supported: write the values out");
    }

    @Test
    void aYamlMergeKeyIsReportedAtItsPathAndTheRestIsStillChecked() throws Exception {
        LoadedConfig loaded = loader.parse("""
                base: &b {name: n}
                backends:
                  - <<: *b
                    address: "a:1"
                    weight: x
                """, "test");

        assertThat(render(loaded.problems())).hasSize(3).contains(
                "backends[0].<<: YAML merge keys are not supported; write the keys out",
                "backends[0].weight: expected a whole number, got \"x\"");
    }

    @Test
    void yamlInfinityAndNotANumberReachTheirFieldsAsNumbers() throws Exception {
        LoadedConfig loaded = loader.parse("""
                backends:
                  - address: "a:1"
                    weight: .inf
                  - address: "a:2"
                    weight: -.Inf
                    max_connections: .nan
                """, "test");

        assertThat(render(loaded.problems())).containsExactly(
                "backends[0].weight: expected a whole number, got Infinity",
                "backends[1].weight: expected a whole number, got -Infinity",
                "backends[1].max_connections: expected a whole number, got NaN");
        assertThat(loader.parse("load_balancer: {load_factor: .inf}", "test").config().loadBalancer().loadFactor())
                .isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void emptyAndScalarFilesAreRejected() {
        assertThatThrownBy(() -> loader.parse("", "cfg.yaml")).hasMessage("cfg.yaml is empty");
        assertThatThrownBy(() -> loader.parse("just text", "cfg.yaml"))
                .hasMessage("cfg.yaml must hold a mapping of keys (mode, listen, backends, ...), not a string");
        assertThatThrownBy(() -> loader.parse("- mode: http\n", "cfg.yaml"))
                .hasMessage("cfg.yaml must hold a mapping of keys (mode, listen, backends, ...), not a list");
    }

    @Test
    void missingFileIsOneClearLine() {
        assertThatThrownBy(() -> loader.load(Path.of("/nonexistent/balance.yaml")))
                .isInstanceOf(ConfigFileException.class)
                .hasMessage("config file /nonexistent/balance.yaml does not exist");
    }

    @Test
    void writesWhatItReads() throws Exception {
        ProxyConfig config = loader.parse("""
                backends: [{address: 'a:1'}]
                timeouts: {connect: 1500ms, idle: 2m}
                metrics: {listen: "127.0.0.1:9100"}
                """, "test").config();
        String written = loader.write(config);
        assertThat(written).contains("connect: 1.5s").contains("idle: 2m").contains("max_connections: 0")
                .contains("mode: tcp").contains("idle_conn_timeout: 1m30s");
        assertThat(loader.parse(written, "again").problems()).isEmpty();
        assertThat(loader.parse(written, "again").config()).isEqualTo(config);
    }

    private static List<String> render(List<Problem> problems) {
        return problems.stream().map(p -> p.render(PathStyle.FILE)).toList();
    }
}
