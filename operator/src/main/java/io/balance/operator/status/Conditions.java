package io.balance.operator.status;

import io.balance.operator.crd.Condition;
import java.time.Instant;
import java.util.List;

/** Builds one condition, keeping the previous transition time while the status stays the same. */
final class Conditions {
    private Conditions() {
    }

    static Condition next(List<Condition> previous, String type, String status, String reason, String message,
            long generation, Instant now) {
        String since = previous == null ? null : previous.stream()
                .filter(c -> type.equals(c.type()) && status.equals(c.status()))
                .map(Condition::lastTransitionTime)
                .findFirst()
                .orElse(null);
        return new Condition(type, status, reason, message, generation, since != null ? since : now.toString());
    }
}
