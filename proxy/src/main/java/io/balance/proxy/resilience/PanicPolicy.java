package io.balance.proxy.resilience;

import io.balance.proxy.backend.Backend;
import io.balance.proxy.backend.BackendSet;
import io.balance.proxy.metrics.ProxyMetrics;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, once per pick, which backends a pick may use. Normally only eligible ones (healthy,
 * not ejected, breaker not open). With none eligible the answer is {@link Eligibility#NONE}:
 * the caller answers 503 at once without any connection attempt. When some but fewer than
 * {@code health_check.panic_threshold} percent are eligible, the checks are probably wrong or
 * the pool is overloaded, so the pick spreads over all backends that are not draining and whose
 * breaker is not open (panic mode), instead of piling everything onto the few left.
 *
 * <p>Counting the eligible backends costs one pass over the set, like least-connections does;
 * it allocates nothing. The {@code balance_panic_mode} gauge is written only when it flips.
 */
public final class PanicPolicy {
    private static final Logger LOG = LoggerFactory.getLogger(PanicPolicy.class);

    public enum Eligibility {
        /** Eligible backends only. */
        NORMAL,
        /** Every backend that is not draining and whose breaker lets requests through. */
        PANIC,
        /** No backend is eligible: answer 503 without trying. */
        NONE
    }

    private final ProxyMetrics metrics;
    private final AtomicBoolean panic = new AtomicBoolean();

    public PanicPolicy(ProxyMetrics metrics) {
        this.metrics = metrics;
    }

    public Eligibility decide(BackendSet set, int thresholdPercent) {
        List<Backend> backends = set.backends();
        int total = backends.size();
        int eligible = 0;
        for (int i = 0; i < total; i++) {
            if (backends.get(i).available()) {
                eligible++;
            }
        }
        if (eligible == 0) {
            flip(false, eligible, total);
            return Eligibility.NONE;
        }
        boolean inPanic = inPanic(eligible, total, thresholdPercent);
        flip(inPanic, eligible, total);
        if (inPanic) {
            metrics.panicRouted();
            return Eligibility.PANIC;
        }
        return Eligibility.NORMAL;
    }

    /** Some, but fewer than {@code thresholdPercent} percent, of the backends are eligible. */
    public static boolean inPanic(int eligible, int total, int thresholdPercent) {
        return eligible > 0 && eligible < total && (long) eligible * 100 < (long) thresholdPercent * total;
    }

    /** The filter half: may a pick under {@code eligibility} use {@code backend}? */
    public static boolean accepts(Eligibility eligibility, Backend backend) {
        return eligibility == Eligibility.PANIC ? backend.health().panicCandidate() : backend.available();
    }

    public boolean active() {
        return panic.get();
    }

    private void flip(boolean on, int eligible, int total) {
        if (panic.get() != on && panic.compareAndSet(!on, on)) {
            metrics.panicMode(on);
            if (on) {
                LOG.warn("panic mode on: only {} of {} backends eligible; spreading traffic over all of them", eligible, total);
            } else {
                LOG.info("panic mode off: {} of {} backends eligible", eligible, total);
            }
        }
    }
}
