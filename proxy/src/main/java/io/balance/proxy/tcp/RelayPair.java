package io.balance.proxy.tcp;

import io.balance.proxy.backend.Backend;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The two channels of one relayed connection and which directions have ended. Both channels
 * live on the same event loop, so no state here needs synchronising.
 */
final class RelayPair {
    private final Channel client;
    private final Channel backendChannel;
    private final Backend backend;
    private final long lingerNanos;
    private boolean clientInputDone;
    private boolean backendInputDone;
    private boolean closed;

    /**
     * {@code lingerNanos}: how long the backend side may take to flush what is still queued for it
     * once the relay closes (0: no bound). The client side needs no such bound: its idle timeout
     * keeps running until it is closed and then aborts the pair.
     */
    RelayPair(Channel client, Channel backendChannel, Backend backend, long lingerNanos) {
        this.client = client;
        this.backendChannel = backendChannel;
        this.backend = backend;
        this.lingerNanos = lingerNanos;
    }

    void markInputDone(Channel channel) {
        if (channel == client) {
            clientInputDone = true;
        } else {
            backendInputDone = true;
        }
    }

    boolean inputDone(Channel channel) {
        return channel == client ? clientInputDone : backendInputDone;
    }

    boolean bothInputsDone() {
        return clientInputDone && backendInputDone;
    }

    /** Ends the relay gracefully: what is queued for each side is flushed first. */
    void closeBoth() {
        if (markClosed()) {
            flushAndClose(client, 0);
            flushAndClose(backendChannel, lingerNanos);
        }
    }

    /**
     * Ends the relay at once, dropping anything still queued (the idle timeout: nothing moved
     * for the whole timeout, so waiting for a flush could wait forever). Also cuts short a
     * graceful close that is stuck behind a peer that stopped reading.
     */
    void abort() {
        markClosed();
        client.close();
        backendChannel.close();
    }

    private boolean markClosed() {
        if (closed) {
            return false;
        }
        closed = true;
        backend.requestFinished();
        return true;
    }

    private static void flushAndClose(Channel channel, long lingerNanos) {
        if (!channel.isActive()) {
            channel.close();
            return;
        }
        channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        if (lingerNanos > 0) {
            ScheduledFuture<?> deadline = channel.eventLoop().schedule(() -> channel.close(), lingerNanos, TimeUnit.NANOSECONDS);
            channel.closeFuture().addListener(f -> deadline.cancel(false));
        }
    }
}
