package io.balance.operator.model;

import io.balance.operator.crd.BalanceProxy;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** The labels every owned object carries, and the pod selector (a subset that never changes). */
public final class Labels {
    public static final String NAME = "app.kubernetes.io/name";
    public static final String INSTANCE = "app.kubernetes.io/instance";
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String COMPONENT = "app.kubernetes.io/component";
    public static final String APP = "balance";
    public static final String OPERATOR = "balance-operator";
    /** The label selector of every informer of owned objects. */
    public static final String MANAGED_SELECTOR = MANAGED_BY + "=" + OPERATOR;

    private Labels() {
    }

    public static Map<String, String> of(BalanceProxy proxy) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(NAME, APP);
        labels.put(INSTANCE, proxy.getMetadata().getName());
        labels.put(MANAGED_BY, OPERATOR);
        return labels;
    }

    /** The same labels plus a component, for objects that need telling apart (the admin Service). */
    public static Map<String, String> of(BalanceProxy proxy, String component) {
        Map<String, String> labels = of(proxy);
        labels.put(COMPONENT, component);
        return labels;
    }

    public static Map<String, String> selector(BalanceProxy proxy) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(NAME, APP);
        labels.put(INSTANCE, proxy.getMetadata().getName());
        return labels;
    }

    /** The selector as a string, for {@code status.selector} (the scale subresource). */
    public static String selectorString(BalanceProxy proxy) {
        return selector(proxy).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }
}
