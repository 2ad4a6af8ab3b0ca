package io.balance.proxy.http;

import io.balance.proxy.backend.Backend;
import io.balance.proxy.channel.IdleTimeoutHandler;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;

/**
 * The backend end of one pooled HTTP connection. While a client exchange owns the connection
 * it hands every response message to that exchange; while parked in the pool it only watches
 * for the backend closing it or for {@code http.idle_conn_timeout} without traffic, which closes
 * it. (Idle events while an exchange owns the connection are ignored: the exchange's own
 * timeouts apply then.)
 */
final class BackendHandler extends ChannelInboundHandlerAdapter {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(BackendHandler.class);

    private static final int MAX_RESPONSE_HEAD_LINE = 8192;
    private static final int MAX_RESPONSE_HEADERS = 65536;

    private final Backend backend;
    private final long poolIdleTimeoutNanos;
    private HttpProxyHandler owner;

    BackendHandler(Backend backend, long poolIdleTimeoutNanos) {
        this.backend = backend;
        this.poolIdleTimeoutNanos = poolIdleTimeoutNanos;
    }

    ChannelInitializer<Channel> initializer() {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast("idle", new IdleTimeoutHandler(poolIdleTimeoutNanos));
                ch.pipeline().addLast("codec", new HttpClientCodec(MAX_RESPONSE_HEAD_LINE, MAX_RESPONSE_HEADERS, 65536));
                ch.pipeline().addLast("backend", BackendHandler.this);
            }
        };
    }

    void attach(HttpProxyHandler exchange) {
        this.owner = exchange;
    }

    void detach() {
        this.owner = null;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (owner != null) {
            owner.backendRead(msg);
        } else {
            ReferenceCountUtil.release(msg);
            ctx.close();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (owner != null) {
            owner.backendReadComplete();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (owner != null) {
            owner.backendWritabilityChanged();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent && owner == null) {
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        backend.connectionClosed();
        HttpProxyHandler exchange = owner;
        owner = null;
        if (exchange != null) {
            exchange.backendClosed();
        } else {
            BackendPool.current().remove(backend, ctx.channel());
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Failures.log(LOG, ctx, cause);
        ctx.close();
    }
}
