package io.balance.operator.runtime;

import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The operator's own meters, fed by JOSDK around every reconcile:
 * {@code balance_operator_reconcile_total{result}} and
 * {@code balance_operator_reconcile_duration_seconds}. Both results are registered at start so
 * alerts see zeros, not absent series.
 */
public final class OperatorMetrics implements Metrics {
    public static final String RECONCILE_TOTAL = "balance.operator.reconcile";
    public static final String RECONCILE_DURATION = "balance.operator.reconcile.duration";
    private static final String RECONCILE = "reconcile";

    private final Counter success;
    private final Counter error;
    private final Timer duration;
    private final MeterRegistry registry;

    public OperatorMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.success = counter(registry, "success");
        this.error = counter(registry, "error");
        this.duration = Timer.builder(RECONCILE_DURATION)
                .description("Time spent in one BalanceProxy reconcile, workflow included")
                .publishPercentileHistogram()
                .register(registry);
    }

    /** The registry these meters live in; the endpoint sync and the proxy gauges register there too. */
    public MeterRegistry registry() {
        return registry;
    }

    private static Counter counter(MeterRegistry registry, String result) {
        return Counter.builder(RECONCILE_TOTAL).description("BalanceProxy reconciles by result").tag("result", result)
                .register(registry);
    }

    @Override
    public <T> T timeControllerExecution(ControllerExecution<T> execution) throws Exception {
        if (!RECONCILE.equals(execution.name())) {
            return execution.execute();
        }
        Timer.Sample sample = Timer.start();
        boolean failed = true;
        try {
            T result = execution.execute();
            failed = false;
            return result;
        } finally {
            sample.stop(duration);
            (failed ? error : success).increment();
        }
    }
}
