package io.balance.proxy.resilience;

import io.balance.proxy.backend.Backend;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Caps retries in flight across the proxy at {@code budget_percent} of the requests active on
 * the backends, but always allows {@code min_retries}, so that retries can't multiply an
 * outage. A request holds at most one token, from its first retry until it ends.
 */
public final class RetryBudget {
    private final AtomicInteger inFlight = new AtomicInteger();

    /** Takes a token if the budget allows one now. Sums the set's active requests (retries are rare). */
    public boolean tryAcquire(List<Backend> backends, ResilienceSettings.Retry settings) {
        int active = 0;
        for (int i = 0, n = backends.size(); i < n; i++) {
            active += backends.get(i).activeRequests();
        }
        return tryAcquire(allowed(active, settings.budgetPercent(), settings.minRetries()));
    }

    boolean tryAcquire(int allowed) {
        while (true) {
            int current = inFlight.get();
            if (current >= allowed) {
                return false;
            }
            if (inFlight.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    public void release() {
        inFlight.decrementAndGet();
    }

    public int inFlight() {
        return inFlight.get();
    }

    /** Retries allowed in flight: {@code percent} of {@code activeRequests}, at least {@code min}. */
    public static int allowed(int activeRequests, int percent, int min) {
        return Math.max(min, (int) ((long) Math.max(0, activeRequests) * percent / 100));
    }
}
