package io.balance.operator.endpoints;

import java.util.concurrent.ScheduledFuture;

/**
 * What the endpoint sync knows of one pod: the pod as last seen, the version it acknowledged, the
 * push in flight (at most one: a newer set waits for it and goes next), the retry waiting, and the
 * last error. Guarded by the lock of its {@link ProxySyncState}.
 */
final class PodSyncState {
    ProxyPod observed;
    long acked;
    /** The version of the push in flight, 0 when none. */
    long inFlight;
    /** Identifies the push in flight; a result carrying another ticket is stale (the process it went to is gone). */
    Object ticket;
    /** Send the current set even if acknowledged (the pod's readiness flipped). */
    boolean resend;
    int attempts;
    String error;
    ScheduledFuture<?> retry;
    long retryFor;

    PodSyncState(ProxyPod observed) {
        this.observed = observed;
    }

    static String key(ProxyPod pod) {
        return pod.endpoint().uid() + "@" + pod.endpoint().ip();
    }

    String key() {
        return key(observed);
    }

    boolean needs(long version) {
        return acked != version || resend;
    }

    /** A new process in the same pod: it holds none of what was pushed, and a push in flight went to the old one. */
    void restarted() {
        acked = 0;
        inFlight = 0;
        ticket = null;
        attempts = 0;
        cancelRetry();
    }

    void cancelRetry() {
        if (retry != null) {
            retry.cancel(false);
            retry = null;
        }
    }
}
