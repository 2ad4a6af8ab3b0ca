package io.balance.proxy.http;

import io.balance.proxy.channel.LazyTimeout;
import io.netty.util.concurrent.EventExecutor;

/**
 * The timers of the exchange in flight on one client connection: waiting for the response head
 * ({@code timeouts.read}), the overall deadline ({@code timeouts.request}), and a client that
 * stopped reading the response ({@code timeouts.write}). They share one {@link LazyTimeout} set to
 * the earliest armed deadline, so a connection holds one scheduled task at most, and arming and
 * cancelling them per request schedules nothing while deadlines only move later. Confined to the
 * channel's event loop.
 */
final class ExchangeTimers implements Runnable {
    private final EventExecutor executor;
    private final LazyTimeout timeout;
    private final Runnable onResponseTimeout;
    private final Runnable onDeadline;
    private final Runnable onWriteTimeout;
    private boolean responseArmed;
    private boolean deadlineArmed;
    private boolean writeArmed;
    private long responseAt;
    private long deadlineAt;
    private long writeAt;

    ExchangeTimers(EventExecutor executor, Runnable onResponseTimeout, Runnable onDeadline, Runnable onWriteTimeout) {
        this.executor = executor;
        this.timeout = new LazyTimeout(executor, this);
        this.onResponseTimeout = onResponseTimeout;
        this.onDeadline = onDeadline;
        this.onWriteTimeout = onWriteTimeout;
    }

    /** Each {@code arm} starts its timer unless it is running; a zero or negative timeout does nothing. */
    void armResponse(long nanos) {
        if (!responseArmed && nanos > 0) {
            responseAt = now() + nanos;
            responseArmed = true;
            reschedule();
        }
    }

    void cancelResponse() {
        responseArmed = false;
        reschedule();
    }

    void armDeadline(long nanos) {
        if (!deadlineArmed && nanos > 0) {
            deadlineAt = now() + nanos;
            deadlineArmed = true;
            reschedule();
        }
    }

    void armWrite(long nanos) {
        if (!writeArmed && nanos > 0) {
            writeAt = now() + nanos;
            writeArmed = true;
            reschedule();
        }
    }

    void cancelWrite() {
        writeArmed = false;
        reschedule();
    }

    void cancelAll() {
        responseArmed = false;
        deadlineArmed = false;
        writeArmed = false;
        timeout.disarm();
    }

    /** The connection is gone: no task may keep it reachable. */
    void close() {
        cancelAll();
        timeout.close();
    }

    /**
     * The shared timeout expired: runs the callback of each timer that is due, one at a time,
     * since a callback may end the exchange and start the next one.
     */
    @Override
    public void run() {
        long now = now();
        while (true) {
            if (deadlineArmed && deadlineAt - now <= 0) {
                deadlineArmed = false;
                onDeadline.run();
            } else if (responseArmed && responseAt - now <= 0) {
                responseArmed = false;
                onResponseTimeout.run();
            } else if (writeArmed && writeAt - now <= 0) {
                writeArmed = false;
                onWriteTimeout.run();
            } else {
                break;
            }
        }
        reschedule();
    }

    private void reschedule() {
        long earliest = 0;
        boolean any = false;
        if (responseArmed) {
            earliest = responseAt;
            any = true;
        }
        if (deadlineArmed && (!any || deadlineAt - earliest < 0)) {
            earliest = deadlineAt;
            any = true;
        }
        if (writeArmed && (!any || writeAt - earliest < 0)) {
            earliest = writeAt;
            any = true;
        }
        if (any) {
            timeout.armAt(earliest);
        } else {
            timeout.disarm();
        }
    }

    private long now() {
        return executor.ticker().nanoTime();
    }
}
