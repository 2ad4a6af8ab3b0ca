package io.balance.api.validation;

import java.util.ArrayList;
import java.util.List;

/** Collects problems while rules run; rules add to it and never stop at the first. */
public final class Problems {
    private final List<Problem> list = new ArrayList<>();
    private final List<FieldPath> unmapped = new ArrayList<>();

    public Problems() {
    }

    /** For rules that run after the mapping: they can ask which values fell back to their defaults. */
    static Problems afterMapping(List<Problem> mappingProblems) {
        Problems problems = new Problems();
        mappingProblems.forEach(problem -> problems.unmapped.add(problem.path()));
        return problems;
    }

    /** True if the value at {@code path} was written but failed to map, so the model holds its default. */
    public boolean failedToMap(FieldPath path) {
        return unmapped.stream().anyMatch(path::isWithin);
    }

    public void error(FieldPath path, String message) {
        list.add(Problem.error(path, message));
    }

    public void warning(FieldPath path, String message) {
        list.add(Problem.warning(path, message));
    }

    public void add(Problem problem) {
        list.add(problem);
    }

    public void addAll(List<Problem> problems) {
        list.addAll(problems);
    }

    public List<Problem> toList() {
        return List.copyOf(list);
    }
}
