package io.balance.operator.runtime;

import io.balance.operator.crd.BalanceProxy;
import io.balance.operator.crd.Condition;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code balance_operator_proxies{condition}}: how many BalanceProxies have each condition True,
 * read from the operator's cache at scrape time. Registered at start for every condition, so the
 * series read zero before the first proxy (or before this replica leads), never absent.
 */
public final class ProxyConditionGauges {
    public static final String NAME = "balance.operator.proxies";
    static final List<String> CONDITIONS = List.of(Condition.ACCEPTED, Condition.PROGRAMMED, Condition.READY,
            Condition.DEGRADED);

    private volatile Supplier<Collection<BalanceProxy>> proxies = List::of;

    public ProxyConditionGauges(MeterRegistry registry) {
        for (String condition : CONDITIONS) {
            Gauge.builder(NAME, () -> count(condition))
                    .description("BalanceProxies whose condition is True, by condition")
                    .tag("condition", condition)
                    .register(registry);
        }
    }

    /** Where the proxies are read from (the primary cache, once the controller has one). */
    public void readFrom(Supplier<Collection<BalanceProxy>> source) {
        this.proxies = source;
    }

    long count(String condition) {
        return proxies.get().stream()
                .filter(p -> p.getStatus() != null && p.getStatus().condition(condition).map(Condition::isTrue).orElse(false))
                .count();
    }
}
