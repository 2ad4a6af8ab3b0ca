package io.balance.api.config;

import io.balance.api.validation.Problem;
import java.util.List;

/**
 * A parsed config with the problems found while mapping it: unknown keys and values of the
 * wrong type. Those fields fall back to their defaults in {@link #config()}, so the validator
 * can still report everything else in the same pass.
 */
public record LoadedConfig(ProxyConfig config, List<Problem> problems) {

    public LoadedConfig {
        problems = List.copyOf(problems);
    }
}
