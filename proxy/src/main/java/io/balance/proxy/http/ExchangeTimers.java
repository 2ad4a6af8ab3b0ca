package io.balance.proxy.http;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The timers of the exchange in flight on one client connection: waiting for the response head
 * ({@code timeouts.read}), the overall deadline ({@code timeouts.request}), and a client that
 * stopped reading the response ({@code timeouts.write}). Built once per connection with its
 * tasks, so arming a timer allocates nothing but Netty's scheduled task.
 */
final class ExchangeTimers {
    private final EventExecutor executor;
    private final Runnable responseTask;
    private final Runnable deadlineTask;
    private final Runnable writeTask;
    private ScheduledFuture<?> response;
    private ScheduledFuture<?> deadline;
    private ScheduledFuture<?> write;

    ExchangeTimers(EventExecutor executor, Runnable onResponseTimeout, Runnable onDeadline, Runnable onWriteTimeout) {
        this.executor = executor;
        this.responseTask = () -> {
            response = null;
            onResponseTimeout.run();
        };
        this.deadlineTask = () -> {
            deadline = null;
            onDeadline.run();
        };
        this.writeTask = () -> {
            write = null;
            onWriteTimeout.run();
        };
    }

    void armResponse(long nanos) {
        if (response == null) {
            response = executor.schedule(responseTask, nanos, TimeUnit.NANOSECONDS);
        }
    }

    void cancelResponse() {
        response = cancel(response);
    }

    void armDeadline(long nanos) {
        if (nanos > 0 && deadline == null) {
            deadline = executor.schedule(deadlineTask, nanos, TimeUnit.NANOSECONDS);
        }
    }

    void armWrite(long nanos) {
        if (write == null) {
            write = executor.schedule(writeTask, nanos, TimeUnit.NANOSECONDS);
        }
    }

    void cancelWrite() {
        write = cancel(write);
    }

    void cancelAll() {
        response = cancel(response);
        deadline = cancel(deadline);
        write = cancel(write);
    }

    private static ScheduledFuture<?> cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
        return null;
    }
}
