package io.balance.operator.validation;

import io.balance.api.config.ProxyConfig;
import io.balance.api.validation.PathStyle;
import io.balance.api.validation.Problem;
import java.util.List;

/**
 * The verdict on one spec: every problem (paths relative to {@code spec}) and, when there is no
 * error, the proxy config it maps to.
 */
public record SpecValidation(List<Problem> problems, ProxyConfig config) {

    public SpecValidation {
        problems = List.copyOf(problems);
    }

    public boolean accepted() {
        return problems.stream().noneMatch(Problem::isError);
    }

    public List<String> errorMessages() {
        return render(problems.stream().filter(Problem::isError).toList());
    }

    public List<String> warningMessages() {
        return render(problems.stream().filter(p -> !p.isError()).toList());
    }

    private static List<String> render(List<Problem> list) {
        return list.stream().map(p -> p.render(PathStyle.RESOURCE)).toList();
    }
}
