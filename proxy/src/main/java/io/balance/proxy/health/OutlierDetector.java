package io.balance.proxy.health;

import io.balance.proxy.resilience.ResilienceSettings;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passive checks for one backend: counts failures of live traffic (in a row, and optionally as
 * a share over a window) and holds the backend's ejection. An ejected backend comes back by
 * itself when its time is up; the ejection count that lengthens the next ejection decays by one
 * for every {@code ejection_time} served without an ejection. Whether an ejection may happen at
 * all (the pool-wide {@code max_ejection_percent}) is {@link EjectionPool}'s call.
 *
 * <p>The hot path ({@link #ejected()} on a backend that is in, {@link #recordSuccess} with no
 * failures pending) reads volatile fields only.
 */
public final class OutlierDetector {
    private static final Logger LOG = LoggerFactory.getLogger(OutlierDetector.class);

    private final String backend;
    private final LongSupplier clock;
    private final Runnable recovered;
    private final AtomicInteger consecutive = new AtomicInteger();
    private final ErrorRateWindow window = new ErrorRateWindow();
    private volatile long ejectedUntil;
    private volatile boolean ejectedFlag;
    private int count;
    private long quietSince;
    private volatile long total;
    private volatile String cause = "";

    public OutlierDetector(String backend, LongSupplier clock) {
        this(backend, clock, () -> { });
    }

    /** {@code recovered} runs (outside the lock) when an ejection ends. */
    public OutlierDetector(String backend, LongSupplier clock, Runnable recovered) {
        this.backend = backend;
        this.clock = clock;
        this.recovered = recovered;
    }

    /** True while ejected. The first call after the time is up brings the backend back (logged once). */
    public boolean ejected() {
        if (!ejectedFlag) {
            return false;
        }
        if (clock.getAsLong() - ejectedUntil < 0) {
            return true;
        }
        boolean back = false;
        synchronized (this) {
            if (ejectedFlag && clock.getAsLong() - ejectedUntil >= 0) {
                ejectedFlag = false;
                consecutive.set(0);
                window.reset();
                back = true;
                LOG.info("backend {}: back from ejection {}", backend, count);
            }
        }
        if (back) {
            recovered.run();
        }
        return false;
    }

    /**
     * Counts a failure; true when it calls for an ejection (the caller asks the pool). Failures
     * of requests that were in flight when the backend was ejected are not counted.
     */
    public boolean recordFailure(ResilienceSettings.Passive settings) {
        if (!settings.enabled() || ejected()) {
            return false;
        }
        int inRow = consecutive.incrementAndGet();
        boolean rateExceeded = false;
        if (settings.errorRateEnabled()) {
            double rate = window.record(clock.getAsLong(), settings.windowNanos(), true, settings.errorRateMinRequests());
            rateExceeded = rate > settings.errorRateThreshold();
        }
        return inRow >= settings.consecutiveFailures() || rateExceeded;
    }

    public void recordSuccess(ResilienceSettings.Passive settings) {
        if (consecutive.get() != 0) {
            consecutive.set(0);
        }
        if (settings.errorRateEnabled() && settings.enabled()) {
            window.record(clock.getAsLong(), settings.windowNanos(), false, settings.errorRateMinRequests());
        }
    }

    /** Ejects now (the pool has agreed). */
    synchronized void eject(ResilienceSettings.Passive settings) {
        long now = clock.getAsLong();
        if (ejectedFlag && now - ejectedUntil < 0) {
            return;
        }
        int inRow = consecutive.get();
        count = EjectionMath.decayed(count, now - quietSince, settings.ejectionNanos()) + 1;
        long duration = EjectionMath.durationNanos(count, settings.ejectionNanos(), settings.maxEjectionNanos());
        ejectedUntil = now + duration;
        quietSince = ejectedUntil;
        ejectedFlag = true;
        total++;
        cause = inRow >= settings.consecutiveFailures() ? inRow + " failures in a row" : "error rate above "
                + settings.errorRateThreshold();
        consecutive.set(0);
        window.reset();
        LOG.warn("backend {}: ejected for {}ms after {} (ejection {})", backend, TimeUnit.NANOSECONDS.toMillis(duration), cause,
                count);
    }

    /** Ejections so far, for {@code balance_backend_ejections_total}. */
    public long ejections() {
        return total;
    }

    /** Why and for how much longer, for /backends; empty when not ejected. */
    public synchronized String reason() {
        long left = ejectedUntil - clock.getAsLong();
        if (!ejectedFlag || left < 0) {
            return "";
        }
        return "ejected after " + cause + " (ejection " + count + "), back in " + TimeUnit.NANOSECONDS.toMillis(left) + "ms";
    }

    /** Lifts an ejection at once (passive checks switched off). */
    synchronized void clear() {
        ejectedFlag = false;
        consecutive.set(0);
        window.reset();
    }
}
