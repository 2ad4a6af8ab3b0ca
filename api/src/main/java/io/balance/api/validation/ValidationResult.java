package io.balance.api.validation;

import java.util.List;

/** Every problem found in one config, errors and warnings alike. */
public record ValidationResult(List<Problem> problems) {

    public ValidationResult {
        problems = List.copyOf(problems);
    }

    public List<Problem> errors() {
        return problems.stream().filter(Problem::isError).toList();
    }

    public List<Problem> warnings() {
        return problems.stream().filter(p -> !p.isError()).toList();
    }

    public boolean isValid() {
        return problems.stream().noneMatch(Problem::isError);
    }

    public List<String> render(PathStyle style, List<Problem> which) {
        return which.stream().map(p -> p.render(style)).toList();
    }
}
