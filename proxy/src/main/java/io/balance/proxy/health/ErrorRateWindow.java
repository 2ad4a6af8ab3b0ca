package io.balance.proxy.health;

/**
 * Requests and failures of one backend over a sliding window, kept in ten buckets of a tenth of
 * the window each. Used only when {@code error_rate_threshold} is above 0. No allocation; a
 * short lock per outcome (the window is per backend, so contention is low).
 */
final class ErrorRateWindow {
    private static final int BUCKETS = 10;

    private final long[] epochs = new long[BUCKETS];
    private final int[] totals = new int[BUCKETS];
    private final int[] failures = new int[BUCKETS];

    ErrorRateWindow() {
        reset();
    }

    /**
     * Records one outcome; returns the failure share over the window, or -1 while the window
     * holds fewer than {@code minRequests} requests.
     */
    synchronized double record(long now, long windowNanos, boolean failed, int minRequests) {
        long width = Math.max(1, windowNanos / BUCKETS);
        long epoch = Math.floorDiv(now, width);
        int slot = (int) Math.floorMod(epoch, (long) BUCKETS);
        if (epochs[slot] != epoch) {
            epochs[slot] = epoch;
            totals[slot] = 0;
            failures[slot] = 0;
        }
        totals[slot]++;
        if (failed) {
            failures[slot]++;
        }
        long total = 0;
        long failedTotal = 0;
        for (int i = 0; i < BUCKETS; i++) {
            if (epochs[i] <= epoch && epochs[i] > epoch - BUCKETS) {
                total += totals[i];
                failedTotal += failures[i];
            }
        }
        return total < minRequests ? -1 : (double) failedTotal / total;
    }

    synchronized void reset() {
        for (int i = 0; i < BUCKETS; i++) {
            epochs[i] = Long.MIN_VALUE;
            totals[i] = 0;
            failures[i] = 0;
        }
    }
}
