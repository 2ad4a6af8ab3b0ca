package io.balance.proxy.http;

import io.balance.proxy.channel.LazyTimeout;
import io.netty.util.concurrent.EventExecutor;

/**
 * The timers of the exchange in flight on one client connection: waiting for the response head
 * ({@code timeouts.read}), the overall deadline ({@code timeouts.request}), and a client that
 * stopped reading the response ({@code timeouts.write}). Built once per connection; arming and
 * cancelling them per request schedules nothing (see {@link LazyTimeout}).
 */
final class ExchangeTimers {
    private final LazyTimeout response;
    private final LazyTimeout deadline;
    private final LazyTimeout write;

    ExchangeTimers(EventExecutor executor, Runnable onResponseTimeout, Runnable onDeadline, Runnable onWriteTimeout) {
        this.response = new LazyTimeout(executor, onResponseTimeout);
        this.deadline = new LazyTimeout(executor, onDeadline);
        this.write = new LazyTimeout(executor, onWriteTimeout);
    }

    void armResponse(long nanos) {
        response.arm(nanos);
    }

    void cancelResponse() {
        response.disarm();
    }

    void armDeadline(long nanos) {
        deadline.arm(nanos);
    }

    void armWrite(long nanos) {
        write.arm(nanos);
    }

    void cancelWrite() {
        write.disarm();
    }

    void cancelAll() {
        response.disarm();
        deadline.disarm();
        write.disarm();
    }

    /** The connection is gone: no task may keep it reachable. */
    void close() {
        response.close();
        deadline.close();
        write.close();
    }
}
