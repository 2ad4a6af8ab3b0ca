package io.balance.operator.endpoints;

import java.time.Clock;

/**
 * How endpoint-set versions are chosen: {@code max(epoch milliseconds now, previous + 1, highest
 * version any pod reported + 1)}. Epoch milliseconds survive operator restarts and leader changes
 * without any stored counter (a new leader's clock is past every version the old one used, short of
 * a clock step back); the {@code previous + 1} term keeps versions strictly increasing even when
 * two changes fall in the same millisecond or the clock steps back; the reported term gets past a
 * pod that holds a newer version than this operator knows of (its 409 says so).
 */
public final class Versions {
    private Versions() {
    }

    public static long next(long previous, long highestReported, Clock clock) {
        return Math.max(clock.millis(), Math.max(previous, highestReported) + 1);
    }
}
