package io.balance.proxy.health;

/** The arithmetic of outlier ejection, free of state so that it can be tested on its own. */
public final class EjectionMath {
    private EjectionMath() {
    }

    /**
     * How long the {@code count}-th ejection lasts: {@code ejection_time * count}, at most
     * {@code max_ejection_time}.
     */
    public static long durationNanos(int count, long baseNanos, long maxNanos) {
        if (count <= 0 || baseNanos <= 0) {
            return 0;
        }
        if (baseNanos > maxNanos / count) {
            return maxNanos;
        }
        return Math.min(baseNanos * count, maxNanos);
    }

    /**
     * How many of {@code poolSize} backends may be ejected at once: {@code max_ejection_percent}
     * of the pool, rounded down. A lone backend is never ejected at 50% (its breaker still
     * protects it); 100% allows ejecting the whole pool.
     */
    public static int maxEjected(int poolSize, int maxPercent) {
        if (poolSize <= 0 || maxPercent <= 0) {
            return 0;
        }
        return (int) ((long) poolSize * Math.min(maxPercent, 100) / 100);
    }

    /**
     * The ejection count after a quiet stretch: one step down for every full
     * {@code ejection_time} the backend has served without being ejected.
     */
    public static int decayed(int count, long quietNanos, long baseNanos) {
        if (count <= 0 || quietNanos <= 0 || baseNanos <= 0) {
            return Math.max(0, count);
        }
        long steps = quietNanos / baseNanos;
        return steps >= count ? 0 : count - (int) steps;
    }
}
