package io.balance.proxy.http;

import io.balance.proxy.channel.LazyTimeout;
import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;

/**
 * One connection's deadline for receiving a complete request head, on the channel's own event
 * loop. Not thread-safe: start, stop and the expiry all run on that loop.
 */
final class RequestHeadTimeout {
    private final long nanos;
    private final Runnable onExpiry;
    private LazyTimeout timeout;

    /** A zero or negative {@code timeout} disables the deadline. */
    RequestHeadTimeout(Duration timeout, Runnable onExpiry) {
        this.nanos = timeout.toNanos();
        this.onExpiry = onExpiry;
    }

    /** Starts the deadline unless it is already running. */
    void start(EventExecutor executor) {
        if (nanos <= 0) {
            return;
        }
        if (timeout == null) {
            timeout = new LazyTimeout(executor, onExpiry);
        }
        timeout.arm(nanos);
    }

    /** A complete head arrived in time. */
    void stop() {
        if (timeout != null) {
            timeout.disarm();
        }
    }

    /** The connection is gone. */
    void close() {
        if (timeout != null) {
            timeout.close();
        }
    }
}
