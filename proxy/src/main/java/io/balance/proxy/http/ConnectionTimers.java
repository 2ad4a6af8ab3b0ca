package io.balance.proxy.http;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Every timer of one HTTP client connection on one scheduled task (this object), so a connection
 * holds one task at most, and arming, touching and cancelling them per request schedules nothing
 * while deadlines only move later: a task that fires before the earliest armed deadline waits again
 * for the rest, a task due later than a newly armed deadline is replaced, and a task nothing is
 * armed for any more lapses:
 * <ul>
 * <li>{@link #HEAD}: receiving a complete request head ({@code timeouts.read}; {@link RequestReader});</li>
 * <li>{@link #DEADLINE}, {@link #RESPONSE}, {@link #WRITE}: the exchange in flight, its overall
 * deadline ({@code timeouts.request}), the wait for the response head ({@code timeouts.read}), and a
 * client that stopped reading the response ({@code timeouts.write}; {@link HttpProxyHandler});</li>
 * <li>{@link #IDLE}: nothing read from or written to the client ({@code timeouts.idle}); moved on by
 * {@link #touch()} and armed again after it fires, once per idle period.</li>
 * </ul>
 * Timers due together fire in that order, each to both listeners ({@link #listen}): the reader and
 * the proxy handler, each acting on its own timers. Confined to the channel's event loop.
 */
final class ConnectionTimers implements Runnable {
    /** Told of each timer that expires. */
    interface Expiry {
        void expired(int timer);
    }

    static final int HEAD = 0;
    static final int DEADLINE = 1;
    static final int RESPONSE = 2;
    static final int WRITE = 3;
    static final int IDLE = 4;
    private static final int COUNT = 5;
    private static final int EXCHANGE = 1 << DEADLINE | 1 << RESPONSE | 1 << WRITE;

    private final EventExecutor executor;
    private final long idleNanos;
    private final long[] due = new long[COUNT];
    private Expiry first;
    private Expiry second;
    private int armed; // one bit per timer
    private boolean closed;
    private ScheduledFuture<?> task;
    private long taskFiresAt;

    /** @param idleNanos {@code timeouts.idle}; zero or negative turns the idle timer off */
    ConnectionTimers(EventExecutor executor, long idleNanos) {
        this.executor = executor;
        this.idleNanos = idleNanos;
    }

    /** Adds one of the (at most two) listeners every expiry goes to, in the order they were added. */
    void listen(Expiry listener) {
        if (first == null) {
            first = listener;
        } else if (second == null) {
            second = listener;
        } else {
            throw new IllegalStateException("a connection's timers have two listeners at most");
        }
    }

    /** Starts {@code timer} unless it is running; a zero or negative timeout does nothing. */
    void arm(int timer, long nanos) {
        if ((armed & 1 << timer) == 0 && nanos > 0 && !closed) {
            due[timer] = now() + nanos;
            armed |= 1 << timer;
            reschedule();
        }
    }

    void cancel(int timer) {
        armed &= ~(1 << timer);
        reschedule();
    }

    /** The exchange ended: its three timers stop. */
    void cancelExchange() {
        armed &= ~EXCHANGE;
        reschedule();
    }

    /** Traffic went either way: the idle period starts over. */
    void touch() {
        if (idleNanos > 0 && !closed) {
            due[IDLE] = now() + idleNanos;
            armed |= 1 << IDLE;
            reschedule();
        }
    }

    /** The connection is gone: nothing fires any more, and no task keeps it reachable. */
    void close() {
        closed = true;
        armed = 0;
        if (task != null) {
            task.cancel(false);
            task = null;
        }
    }

    /**
     * The task fired: runs the callback of each timer that is due, one at a time, since a callback
     * may end the exchange, or start the next one; then waits for the earliest one still armed.
     */
    @Override
    public void run() {
        task = null;
        long now = now();
        for (int timer = nextDue(now); timer >= 0; timer = nextDue(now)) {
            armed &= ~(1 << timer);
            if (timer == IDLE) {
                touch();
            }
            if (first != null) {
                first.expired(timer);
            }
            if (second != null) {
                second.expired(timer);
            }
        }
        reschedule();
    }

    private int nextDue(long now) {
        for (int timer = 0; timer < COUNT; timer++) {
            if ((armed & 1 << timer) != 0 && due[timer] - now <= 0) {
                return timer;
            }
        }
        return -1;
    }

    private void reschedule() {
        if (armed == 0 || closed) {
            return;
        }
        long earliest = 0;
        boolean any = false;
        for (int timer = 0; timer < COUNT; timer++) {
            if ((armed & 1 << timer) != 0 && (!any || due[timer] - earliest < 0)) {
                earliest = due[timer];
                any = true;
            }
        }
        if (task == null || earliest - taskFiresAt < 0) {
            if (task != null) {
                task.cancel(false);
            }
            taskFiresAt = earliest;
            task = executor.schedule(this, earliest - now(), TimeUnit.NANOSECONDS);
        }
    }

    private long now() {
        return executor.ticker().nanoTime();
    }
}
