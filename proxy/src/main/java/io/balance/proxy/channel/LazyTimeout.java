package io.balance.proxy.channel;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A timeout that is armed and disarmed once per request over a connection's life without
 * scheduling a task each time: arming moves a deadline, disarming clears it, and one task stays
 * scheduled; when it fires before the current deadline it waits again for the rest. A deadline
 * earlier than the pending task (a reload shortened the timeout) reschedules it. Confined to the
 * channel's event loop; {@link #close()} when the channel goes, so no task outlives it.
 */
public final class LazyTimeout implements Runnable {
    private final EventExecutor executor;
    private final Runnable onExpiry;
    private long deadline;
    private boolean armed;
    private ScheduledFuture<?> task;
    private long taskFiresAt;

    public LazyTimeout(EventExecutor executor, Runnable onExpiry) {
        this.executor = executor;
        this.onExpiry = onExpiry;
    }

    /** Starts the timeout unless it is already running; a zero or negative timeout does nothing. */
    public void arm(long timeoutNanos) {
        if (!armed) {
            restart(timeoutNanos);
        }
    }

    /** Starts the timeout over from now, armed or not; a zero or negative timeout does nothing. */
    public void restart(long timeoutNanos) {
        if (timeoutNanos > 0) {
            armAt(executor.ticker().nanoTime() + timeoutNanos);
        }
    }

    /** Arms the timeout to expire at {@code deadlineNanos} on the executor's ticker, armed or not. */
    public void armAt(long deadlineNanos) {
        deadline = deadlineNanos;
        armed = true;
        if (task == null || deadline - taskFiresAt < 0) {
            schedule(executor.ticker().nanoTime());
        }
    }

    public void disarm() {
        armed = false;
    }

    public boolean armed() {
        return armed;
    }

    /** Disarms and drops the pending task. */
    public void close() {
        armed = false;
        if (task != null) {
            task.cancel(false);
            task = null;
        }
    }

    @Override
    public void run() {
        task = null;
        if (!armed) {
            return;
        }
        long now = executor.ticker().nanoTime();
        if (deadline - now > 0) {
            schedule(now);
            return;
        }
        armed = false;
        onExpiry.run();
    }

    private void schedule(long now) {
        if (task != null) {
            task.cancel(false);
        }
        taskFiresAt = deadline;
        task = executor.schedule(this, deadline - now, TimeUnit.NANOSECONDS);
    }
}
