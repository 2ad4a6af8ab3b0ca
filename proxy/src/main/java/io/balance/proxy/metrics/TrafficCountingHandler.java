package io.balance.proxy.metrics;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/**
 * First in every TCP-mode client pipeline: reports the connection and its bytes to
 * {@link ClientTraffic}. (In HTTP mode the request reader, first there, reports them itself.)
 */
@ChannelHandler.Sharable
public final class TrafficCountingHandler extends ChannelDuplexHandler {
    private final ClientTraffic traffic;

    public TrafficCountingHandler(ClientTraffic traffic) {
        this.traffic = traffic;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        traffic.opened(ctx.channel());
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        traffic.closed();
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        traffic.read(msg);
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        traffic.written(msg);
        ctx.write(msg, promise);
    }
}
