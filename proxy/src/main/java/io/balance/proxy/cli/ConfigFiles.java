package io.balance.proxy.cli;

import io.balance.api.config.ConfigFileException;
import io.balance.api.config.ConfigLoader;
import io.balance.api.config.LoadedConfig;
import io.balance.api.config.ProxyConfig;
import io.balance.api.validation.ConfigValidator;
import io.balance.api.validation.FieldPath;
import io.balance.api.validation.Problem;
import io.balance.api.validation.ValidationResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Loads and validates a config file, adding the checks that need the file system. */
public final class ConfigFiles {
    private ConfigFiles() {
    }

    public static Checked check(Path file) throws ConfigFileException {
        LoadedConfig loaded = ConfigLoader.yaml().load(file);
        List<Problem> problems = new ArrayList<>(new ConfigValidator().validate(loaded).problems());
        problems.addAll(fileSystemProblems(loaded.config(), file));
        return new Checked(loaded.config(), new ValidationResult(problems));
    }

    private static List<Problem> fileSystemProblems(ProxyConfig config, Path file) {
        List<Problem> problems = new ArrayList<>();
        String token = config.admin().tokenFile();
        if (token != null && !token.isBlank()) {
            Path path = Path.of(token);
            if (!Files.isReadable(path)) {
                problems.add(Problem.error(FieldPath.of("admin", "tokenFile"), "file " + token + " does not exist or is not readable"));
            }
        }
        return problems;
    }

    /** A loaded config with every problem found in it. */
    public record Checked(ProxyConfig config, ValidationResult result) {
    }
}
