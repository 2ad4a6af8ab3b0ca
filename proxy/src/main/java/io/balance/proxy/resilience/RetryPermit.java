package io.balance.proxy.resilience;

import io.balance.proxy.backend.Backend;
import io.balance.proxy.metrics.ProxyMetrics;
import java.util.List;

/**
 * The retry rules of one HTTP request or one TCP client connection, in one place: at most
 * {@code retry.max_attempts} attempts in all, a {@link RetryBudget} token taken at the first
 * retry and held until {@link #release()}, and the {@link Backoff} wait before each retry. Lives
 * on one event loop; not thread-safe.
 */
public final class RetryPermit {
    /** What {@link #nextDelayNanos} answers when no retry may happen. */
    public static final long NO_RETRY = -1;

    private final RetryBudget budget;
    private final ProxyMetrics metrics;
    private boolean holdsToken;

    public RetryPermit(RetryBudget budget, ProxyMetrics metrics) {
        this.budget = budget;
        this.metrics = metrics;
    }

    /**
     * After {@code attemptsSoFar} failed attempts: the wait before the next one, or
     * {@link #NO_RETRY} when the attempts are used up or the budget refuses (counted in
     * {@code balance_retry_budget_exhausted_total}).
     */
    public long nextDelayNanos(int attemptsSoFar, ResilienceSettings.Retry retry, List<Backend> backends) {
        if (attemptsSoFar >= retry.maxAttempts()) {
            return NO_RETRY;
        }
        if (!holdsToken) {
            if (!budget.tryAcquire(backends, retry)) {
                metrics.retryBudgetExhausted();
                return NO_RETRY;
            }
            holdsToken = true;
        }
        return Backoff.delayNanos(attemptsSoFar, retry);
    }

    /** Gives the budget token back, if one is held. */
    public void release() {
        if (holdsToken) {
            holdsToken = false;
            budget.release();
        }
    }
}
