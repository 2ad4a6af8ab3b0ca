package io.balance.proxy.http;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import io.netty.util.internal.DefaultPriorityQueue;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;

/**
 * The {@link ConnectionTimers} of the HTTP connections on one event loop, ordered by the deadline
 * each is filed under, with one scheduled task for all of them, due at the earliest. A connection
 * therefore holds no task of its own, and the timers that come due together fire in one run of the
 * loop. Confined to the event loop.
 */
final class EventLoopTimers implements Runnable {
    private static final Comparator<ConnectionTimers> BY_DEADLINE =
            (a, b) -> Long.signum(a.filedAt() - b.filedAt()); // nanoTime order survives wrap-around

    private final EventExecutor executor;
    private final DefaultPriorityQueue<ConnectionTimers> queue = new DefaultPriorityQueue<>(BY_DEADLINE, 64);
    private ScheduledFuture<?> task;
    private long taskFiresAt;

    EventLoopTimers(EventExecutor executor) {
        this.executor = executor;
    }

    long now() {
        return executor.ticker().nanoTime();
    }

    /** {@code timers} is filed under a deadline earlier than before (or for the first time). */
    void filed(ConnectionTimers timers) {
        if (queue.containsTyped(timers)) {
            queue.priorityChanged(timers);
        } else {
            queue.offer(timers);
        }
        scheduleEarliest();
    }

    /** {@code timers} is gone: it is taken out, and the task is left to lapse if it was the earliest. */
    void remove(ConnectionTimers timers) {
        queue.removeTyped(timers);
    }

    /**
     * Fires each connection filed under a deadline that has passed, earliest first; each files
     * itself again for the next deadline it has armed, which is later than now.
     */
    @Override
    public void run() {
        task = null;
        long now = now();
        for (ConnectionTimers due = queue.peek(); due != null && due.filedAt() - now <= 0; due = queue.peek()) {
            queue.poll();
            due.fire(now);
        }
        scheduleEarliest();
    }

    private void scheduleEarliest() {
        ConnectionTimers earliest = queue.peek();
        if (earliest == null) {
            return;
        }
        long at = earliest.filedAt();
        if (task == null || at - taskFiresAt < 0) {
            if (task != null) {
                task.cancel(false);
            }
            taskFiresAt = at;
            task = executor.schedule(this, at - now(), TimeUnit.NANOSECONDS);
        }
    }
}
