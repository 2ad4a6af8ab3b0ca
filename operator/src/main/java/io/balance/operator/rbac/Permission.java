package io.balance.operator.rbac;

import java.util.Set;
import java.util.TreeSet;

/** One RBAC grant the operator needs: verbs on a resource of an API group ("" is the core group). */
public record Permission(String apiGroup, String resource, Set<String> verbs, String why) {

    public Permission {
        verbs = Set.copyOf(new TreeSet<>(verbs));
    }
}
