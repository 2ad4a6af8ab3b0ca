package io.balance.operator.status;

import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import java.util.List;
import java.util.Map;

/** Dependents that failed in a workflow run, as one line each for the Degraded condition. */
public final class DependentErrors {
    private DependentErrors() {
    }

    @SuppressWarnings("rawtypes")
    public static List<String> describe(Map<DependentResource, Exception> errors) {
        return errors.entrySet().stream()
                .map(e -> e.getKey().name() + ": " + rootMessage(e.getValue()))
                .sorted()
                .toList();
    }

    static String rootMessage(Throwable t) {
        Throwable cause = t;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
