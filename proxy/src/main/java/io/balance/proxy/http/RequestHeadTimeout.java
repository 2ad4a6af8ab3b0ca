package io.balance.proxy.http;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One connection's deadline for receiving a complete request head, on the channel's own event
 * loop. Not thread-safe: start, stop and the expiry all run on that loop.
 */
final class RequestHeadTimeout implements Runnable {
    private final long nanos;
    private final Runnable onExpiry;
    private ScheduledFuture<?> pending;

    /** A zero or negative {@code timeout} disables the deadline. */
    RequestHeadTimeout(Duration timeout, Runnable onExpiry) {
        this.nanos = timeout.toNanos();
        this.onExpiry = onExpiry;
    }

    /** Starts the deadline unless it is already running. */
    void start(EventExecutor executor) {
        if (pending == null && nanos > 0) {
            pending = executor.schedule(this, nanos, TimeUnit.NANOSECONDS);
        }
    }

    void stop() {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }

    @Override
    public void run() {
        pending = null;
        onExpiry.run();
    }
}
