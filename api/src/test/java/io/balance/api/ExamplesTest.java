package io.balance.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.balance.api.config.BackendConfig;
import io.balance.api.config.CircuitBreakerConfig;
import io.balance.api.config.ConfigLoader;
import io.balance.api.config.HealthCheckConfig;
import io.balance.api.config.HealthCheckType;
import io.balance.api.config.LoadedConfig;
import io.balance.api.config.Mode;
import io.balance.api.config.ProxyConfig;
import io.balance.api.config.RetryConfig;
import io.balance.api.validation.ConfigValidator;
import io.balance.api.validation.PathStyle;
import io.balance.api.validation.ValidationResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every proxy config under the repository's {@code examples/} loads and validates without an
 * error. Files whose top level has {@code apiVersion} are Kubernetes resources, not proxy
 * configs, and are left to the operator's tests.
 */
class ExamplesTest {
    private static final int MIN_EXAMPLES = 10;

    private final ConfigLoader loader = ConfigLoader.yaml();
    private final ConfigValidator validator = new ConfigValidator();

    @TestFactory
    Stream<DynamicTest> everyExampleLoadsAndValidates() throws IOException {
        List<Path> files = proxyConfigs();
        assertThat(files).as("proxy configs in %s", examplesDir()).hasSizeGreaterThanOrEqualTo(MIN_EXAMPLES);
        return files.stream().map(file -> dynamicTest(file.getFileName().toString(), () -> {
            ValidationResult result = validate(file);
            assertThat(result.render(PathStyle.FILE, result.errors())).as("errors in %s", file).isEmpty();
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyExampleSpellsItsModeOut() throws IOException {
        // a file without mode means tcp (as in the original); examples never rely on that
        return proxyConfigs().stream().map(file -> dynamicTest(file.getFileName().toString(), () -> {
            JsonNode tree = new YAMLMapper().readTree(file.toFile());
            assertThat(tree.has("mode")).as("%s has a mode: key", file).isTrue();
        }));
    }

    @Test
    void theLegacyExampleLoadsWithoutAnyProblem() throws Exception {
        Path file = examplesDir().resolve("legacy-balance.yaml");
        ValidationResult result = validate(file);

        assertThat(result.render(PathStyle.FILE, result.problems())).isEmpty();

        ProxyConfig config = loader.load(file).config();
        List<BackendConfig> backends = config.backends();
        assertThat(backends.get(0)).isEqualTo(new BackendConfig("127.0.0.1:9001", "127.0.0.1:9001", 1, 0));
        assertThat(backends.get(1).weight()).isEqualTo(1);
        assertThat(backends.get(1).name()).isEqualTo("127.0.0.1:9002");
        assertThat(config.admin().listen()).as("metrics.listen names the admin listener").isEqualTo(":9090");
        assertThat(config.http().maxIdleConnsPerHost()).isEqualTo(100);
    }

    @Test
    void theOriginalsPhase5ExampleKeepsItsMeaning() throws Exception {
        Path file = examplesDir().resolve("legacy-balance-phase5.yaml");
        ValidationResult result = validate(file);
        assertThat(result.render(PathStyle.FILE, result.problems())).isEmpty();

        ProxyConfig config = loader.load(file).config();
        assertThat(config.mode()).isEqualTo(Mode.HTTP);
        assertThat(config.backends()).extracting(BackendConfig::maxConnections).containsOnly(1000);
        HealthCheckConfig hc = config.healthCheck();
        assertThat(hc.enabled()).isTrue();
        assertThat(hc.type()).isEqualTo(HealthCheckType.HTTP);
        assertThat(hc.interval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(hc.timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(hc.passiveChecks().enabled()).isTrue();
        assertThat(hc.passiveChecks().errorRateThreshold()).isEqualTo(0.5);
        assertThat(hc.passiveChecks().consecutiveFailures()).isEqualTo(5);
        assertThat(hc.passiveChecks().window()).isEqualTo(Duration.ofMinutes(1));
        CircuitBreakerConfig cb = config.resilience().circuitBreaker();
        assertThat(cb.timeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(cb.maxConcurrentRequests()).isEqualTo(1);
        RetryConfig retry = config.resilience().retry();
        assertThat(retry.maxAttempts()).isEqualTo(3);
        assertThat(retry.initialDelay()).isEqualTo(Duration.ofMillis(100));
        assertThat(retry.maxDelay()).isEqualTo(Duration.ofSeconds(10));
        assertThat(retry.multiplier()).isEqualTo(2.0);
        assertThat(retry.jitter()).isEqualTo(0.1);
        assertThat(config.http().idleConnTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(config.admin().listen()).isEqualTo(":9090");
        assertThat(config.metrics().path()).isEqualTo("/metrics");
    }

    private ValidationResult validate(Path file) throws Exception {
        LoadedConfig loaded = loader.load(file);
        return validator.validate(loaded);
    }

    private static List<Path> proxyConfigs() throws IOException {
        try (Stream<Path> files = Files.list(examplesDir())) {
            return files.filter(f -> f.getFileName().toString().endsWith(".yaml"))
                    .filter(f -> !isKubernetesResource(f))
                    .sorted()
                    .toList();
        }
    }

    private static boolean isKubernetesResource(Path file) {
        try {
            JsonNode tree = new YAMLMapper().readTree(file.toFile());
            return tree != null && tree.has("apiVersion");
        } catch (IOException e) {
            return false; // not YAML at all: let the loader report it
        }
    }

    /** Walks up from the working directory to the repository root: the directory with examples/ and pom.xml. */
    static Path examplesDir() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("examples")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir.resolve("examples");
            }
        }
        throw new AssertionError("no examples/ directory beside a pom.xml above " + Path.of("").toAbsolutePath());
    }
}
