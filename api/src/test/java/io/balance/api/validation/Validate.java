package io.balance.api.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.balance.api.config.ConfigFileException;
import io.balance.api.config.ConfigLoader;
import io.balance.api.config.LoadedConfig;
import io.balance.api.config.ProxyConfig;
import java.util.List;

/**
 * Test helper: loads a YAML snippet the way the proxy loads its file, validates it, and renders
 * the findings in the file's spelling ({@code path: message}).
 */
final class Validate {
    /** One valid backend, so that a snippet only has to spell the part under test. */
    static final String ONE_BACKEND = "backends: [{address: \"127.0.0.1:9001\"}]\n";

    private static final ConfigLoader LOADER = ConfigLoader.yaml();
    private static final ConfigValidator VALIDATOR = new ConfigValidator();

    private Validate() {
    }

    /** Validates {@code yaml} as written (add {@link #ONE_BACKEND} yourself if needed). */
    static ValidationResult file(String yaml) {
        LoadedConfig loaded;
        try {
            loaded = LOADER.parse(yaml, "test.yaml");
        } catch (ConfigFileException e) {
            throw new AssertionError("test YAML did not parse: " + e.getMessage(), e);
        }
        return VALIDATOR.validate(loaded);
    }

    /** The model {@code yaml} maps to, as written; fails the test on any mapping problem. */
    static ProxyConfig load(String yaml) {
        try {
            LoadedConfig loaded = LOADER.parse(yaml, "test.yaml");
            assertThat(loaded.problems()).as("mapping problems of%n%s", yaml).isEmpty();
            return loaded.config();
        } catch (ConfigFileException e) {
            throw new AssertionError("test YAML did not parse: " + e.getMessage(), e);
        }
    }

    /** Validates {@code yaml} plus one valid backend. */
    static ValidationResult withBackend(String yaml) {
        return file(ONE_BACKEND + yaml);
    }

    /** The errors of {@code yaml} (plus one valid backend), rendered for the file. */
    static List<String> errors(String yaml) {
        ValidationResult result = withBackend(yaml);
        return result.render(PathStyle.FILE, result.errors());
    }

    /** The warnings of {@code yaml} (plus one valid backend), rendered for the file. */
    static List<String> warnings(String yaml) {
        ValidationResult result = withBackend(yaml);
        return result.render(PathStyle.FILE, result.warnings());
    }

    /** Asserts that {@code yaml} (plus one valid backend) has no problem at all, not even a warning. */
    static void assertClean(String yaml) {
        ValidationResult result = withBackend(yaml);
        assertThat(result.render(PathStyle.FILE, result.problems())).as("problems of%n%s", yaml).isEmpty();
    }
}
