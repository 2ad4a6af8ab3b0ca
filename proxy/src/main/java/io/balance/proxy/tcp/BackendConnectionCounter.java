package io.balance.proxy.tcp;

import io.balance.proxy.backend.Backend;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/** Gives the backend's connection slot back when a relayed backend connection closes. */
final class BackendConnectionCounter extends ChannelInboundHandlerAdapter {
    private final Backend backend;

    BackendConnectionCounter(Backend backend) {
        this.backend = backend;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        backend.connectionClosed();
        ctx.fireChannelInactive();
    }
}
