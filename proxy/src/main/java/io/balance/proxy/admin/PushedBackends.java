package io.balance.proxy.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.balance.api.config.BackendConfig;
import io.balance.api.config.ConfigFileException;
import io.balance.api.config.ConfigLoader;
import io.balance.api.config.LoadedConfig;
import io.balance.api.validation.ConfigValidator;
import io.balance.api.validation.PathStyle;
import io.balance.api.validation.Problem;
import java.util.ArrayList;
import java.util.List;

/**
 * The list of a {@code PUT /backends} body, read as the file's {@code backends} key is: mapped by
 * the config loader (unknown keys and mistyped values at their paths, in the validator's words),
 * then checked by the backends rule. Every problem is reported at once.
 */
record PushedBackends(List<BackendConfig> backends, List<String> problems) {
    private static final ConfigLoader LOADER = ConfigLoader.json();

    static PushedBackends read(JsonNode list, ConfigValidator validator) {
        LoadedConfig loaded;
        try {
            loaded = LOADER.map(JsonNodeFactory.instance.objectNode().set("backends", list));
        } catch (ConfigFileException e) {
            return new PushedBackends(List.of(), List.of(e.getMessage()));
        }
        List<Problem> mapping = loaded.problems().stream().filter(Problem::isError).toList();
        List<String> problems = new ArrayList<>();
        mapping.forEach(problem -> problems.add(problem.render(PathStyle.FILE)));
        // as ConfigValidator.validate(LoadedConfig) does: an entry that failed to map is null or
        // defaulted now, and a rule finding there would repeat the mapping problem in other words
        List<BackendConfig> backends = loaded.config().backends();
        for (Problem finding : validator.validateBackends(backends).errors()) {
            if (mapping.stream().noneMatch(problem -> finding.path().isWithin(problem.path()))) {
                problems.add(finding.render(PathStyle.FILE));
            }
        }
        return new PushedBackends(backends, List.copyOf(problems));
    }

    boolean valid() {
        return problems.isEmpty();
    }
}
