package io.balance.proxy.http;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;

/** Sits below the client's HTTP encoder and passes the bytes of {@link RawResponsePart}s on. */
@ChannelHandler.Sharable
final class RawResponseUnwrapper extends ChannelOutboundHandlerAdapter {
    static final RawResponseUnwrapper INSTANCE = new RawResponseUnwrapper();

    private RawResponseUnwrapper() {
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        ctx.write(msg instanceof RawResponsePart part ? part.content() : msg, promise);
    }
}
