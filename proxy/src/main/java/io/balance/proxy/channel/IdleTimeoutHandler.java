package io.balance.proxy.channel;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * Fires {@link IdleStateEvent#ALL_IDLE_STATE_EVENT} when nothing was read from or written to the
 * channel for the idle time, and again after each further idle period. Unlike Netty's
 * {@code IdleStateHandler} it notes a write when it is made rather than when it completes, so it
 * adds no listener to every write promise (and keeps void promises void); a peer that stops
 * reading is the write timeout's business. Zero or negative idle time turns it off.
 */
public final class IdleTimeoutHandler extends ChannelDuplexHandler {
    private final long idleNanos;
    private LazyTimeout timeout;

    public IdleTimeoutHandler(long idleNanos) {
        this.idleNanos = idleNanos;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (idleNanos > 0) {
            timeout = new LazyTimeout(ctx.executor(), () -> idle(ctx));
            if (ctx.channel().isActive()) {
                timeout.restart(idleNanos);
            }
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        touch();
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        touch();
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        touch();
        ctx.write(msg, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        stop();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        stop();
    }

    private void touch() {
        if (timeout != null) {
            timeout.restart(idleNanos);
        }
    }

    private void stop() {
        if (timeout != null) {
            timeout.close();
        }
    }

    private void idle(ChannelHandlerContext ctx) {
        if (!ctx.channel().isActive()) {
            return;
        }
        timeout.restart(idleNanos);
        ctx.fireUserEventTriggered(IdleStateEvent.ALL_IDLE_STATE_EVENT);
    }
}
