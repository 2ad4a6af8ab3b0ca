package io.balance.proxy.resilience;

import io.balance.proxy.backend.Backend;
import io.balance.proxy.metrics.ProxyMetrics.Reason;

/**
 * {@code resilience.limits} for a request that needs a new backend connection: it waits for a
 * connect (counted against {@code max_pending_requests}) and takes a connection slot (counted
 * against the lower of {@code max_connections} and the backend's own {@code max_connections}).
 */
public final class BackendLimits {
    private BackendLimits() {
    }

    /**
     * Reserves a pending slot and a connection slot; null when both were taken, else the limit
     * that was hit (and nothing is held). Pair a success with {@link Backend#connectFinished()}
     * when the connect completes and {@link Backend#connectionClosed()} when the channel closes.
     */
    public static Reason reserveConnection(Backend backend, ResilienceSettings.Limits limits) {
        if (!backend.tryStartConnect(limits.maxPendingRequests())) {
            return Reason.PENDING_LIMIT;
        }
        if (!backend.tryOpenConnection(limits.maxConnections())) {
            backend.connectFinished();
            return Reason.CONNECTION_LIMIT;
        }
        return null;
    }
}
