package io.balance.proxy.resilience;

import io.balance.proxy.metrics.ProxyMetrics;

/** The proxy-wide parts of the resilience layer that request handlers use. */
public record Resilience(PanicPolicy panic, RetryBudget retryBudget) {

    public static Resilience create(ProxyMetrics metrics) {
        return new Resilience(new PanicPolicy(metrics), new RetryBudget());
    }
}
