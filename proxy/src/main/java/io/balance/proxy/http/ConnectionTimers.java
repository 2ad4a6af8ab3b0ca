package io.balance.proxy.http;

import io.netty.util.internal.DefaultPriorityQueue;
import io.netty.util.internal.PriorityQueueNode;

/**
 * Every timer of one HTTP client connection, filed as one entry in its event loop's
 * {@link EventLoopTimers} under the earliest deadline armed. Arming, touching and cancelling them
 * per request moves nothing while deadlines only move later: an entry that comes due before the
 * earliest armed deadline is filed again for the rest, an entry filed later than a newly armed
 * deadline is moved up, and an entry nothing is armed for any more lapses when it comes due:
 * <ul>
 * <li>{@link #HEAD}: receiving a complete request head ({@code timeouts.read}; {@link RequestReader});</li>
 * <li>{@link #BODY}: each wait for request body bytes ({@code timeouts.read}, started again by each
 * read; {@link RequestReader});</li>
 * <li>{@link #DEADLINE}, {@link #RESPONSE}, {@link #WRITE}: the exchange in flight, its overall
 * deadline ({@code timeouts.request}), the wait for the response head ({@code timeouts.read}), and a
 * client that stopped reading the response ({@code timeouts.write}; {@link HttpProxyHandler});</li>
 * <li>{@link #IDLE}: nothing read from or written to the client ({@code timeouts.idle}); moved on by
 * {@link #touch()} and armed again after it fires, once per idle period.</li>
 * </ul>
 * Timers due together fire in that order, each to both listeners ({@link #listen}): the reader and
 * the proxy handler, each acting on its own timers. Confined to the channel's event loop.
 */
final class ConnectionTimers implements PriorityQueueNode {
    /** Told of each timer that expires. */
    interface Expiry {
        void expired(int timer);
    }

    static final int HEAD = 0;
    static final int DEADLINE = 1;
    static final int RESPONSE = 2;
    static final int WRITE = 3;
    static final int IDLE = 4;
    static final int BODY = 5;
    private static final int COUNT = 6;
    private static final int EXCHANGE = 1 << DEADLINE | 1 << RESPONSE | 1 << WRITE;

    private final EventLoopTimers loop;
    private final long idleNanos;
    private final long[] due = new long[COUNT];
    private Expiry first;
    private Expiry second;
    private int armed; // one bit per timer
    private boolean closed;
    private long filedAt;
    private int queueIndex = INDEX_NOT_IN_QUEUE;

    /**
     * @param loop the timers of the connection's event loop
     * @param idleNanos {@code timeouts.idle}; zero or negative turns the idle timer off
     */
    ConnectionTimers(EventLoopTimers loop, long idleNanos) {
        this.loop = loop;
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

    /** Starts {@code timer} from now, whether it was running or not; a zero or negative timeout does nothing. */
    void restart(int timer, long nanos) {
        if (nanos > 0 && !closed) {
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

    /** The connection is gone: nothing fires any more, and the event loop's timers let go of it. */
    void close() {
        closed = true;
        armed = 0;
        loop.remove(this);
    }

    /** The deadline this connection is filed under in its event loop's timers. */
    long filedAt() {
        return filedAt;
    }

    /**
     * The deadline it was filed under came ({@code now}, taken out of the event loop's timers): runs
     * the callback of each timer that is due, one at a time, since a callback may end the exchange,
     * or start the next one; then files itself for the earliest one still armed.
     */
    void fire(long now) {
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
        if (queueIndex == INDEX_NOT_IN_QUEUE || earliest - filedAt < 0) {
            filedAt = earliest;
            loop.filed(this);
        }
    }

    private long now() {
        return loop.now();
    }

    @Override
    public int priorityQueueIndex(DefaultPriorityQueue<?> queue) {
        return queueIndex;
    }

    @Override
    public void priorityQueueIndex(DefaultPriorityQueue<?> queue, int i) {
        queueIndex = i;
    }
}
