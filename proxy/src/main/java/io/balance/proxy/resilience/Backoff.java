package io.balance.proxy.resilience;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The wait before a retry: {@code min(initial_delay * multiplier^(n-1), max_delay)} before retry
 * {@code n}, moved up or down at random by at most {@code jitter} of itself (0.2: 80% to 120%).
 */
public final class Backoff {
    private Backoff() {
    }

    public static long delayNanos(int retry, ResilienceSettings.Retry settings) {
        return delayNanos(retry, settings, ThreadLocalRandom.current().nextDouble());
    }

    /** {@code random} in [0, 1): 0 gives the shortest wait, just under 1 the longest. */
    public static long delayNanos(int retry, ResilienceSettings.Retry settings, double random) {
        double base = settings.initialDelayNanos() * Math.pow(settings.multiplier(), Math.max(0, retry - 1));
        base = Math.min(base, settings.maxDelayNanos());
        double factor = 1 + settings.jitter() * (2 * random - 1);
        return Math.max(0, (long) (base * factor));
    }
}
