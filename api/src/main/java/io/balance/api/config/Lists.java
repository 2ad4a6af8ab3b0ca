package io.balance.api.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Immutable list copies that keep null entries. A YAML list such as {@code backends: [~]} or an
 * entry of the wrong type maps to a null element; {@code List.copyOf} would throw on it and the
 * whole section would be lost, so the validator could not say which entry is wrong.
 */
final class Lists {
    private Lists() {
    }

    static <T> List<T> copyOf(List<T> list) {
        return Collections.unmodifiableList(new ArrayList<>(list));
    }
}
