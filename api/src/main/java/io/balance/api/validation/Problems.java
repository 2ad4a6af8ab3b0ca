package io.balance.api.validation;

import java.util.ArrayList;
import java.util.List;

/** Collects problems while rules run; rules add to it and never stop at the first. */
public final class Problems {
    private final List<Problem> list = new ArrayList<>();

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
