package io.balance.proxy.backend;

import io.balance.proxy.transport.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.resolver.dns.DnsAddressResolverGroup;
import io.netty.resolver.dns.DnsNameResolverBuilder;

/**
 * Opens backend connections on the caller's own event loop (no cross-thread hand-off), with
 * Netty's non-blocking DNS resolver for host names.
 */
public final class BackendConnector implements AutoCloseable {
    private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(32 * 1024, 128 * 1024);

    private final Bootstrap template;
    private final DnsAddressResolverGroup resolver;

    public BackendConnector(Transport transport) {
        this.resolver = new DnsAddressResolverGroup(new DnsNameResolverBuilder()
                .datagramChannelType(transport.datagramChannelClass()));
        this.template = new Bootstrap()
                .channel(transport.socketChannelClass())
                .resolver(resolver)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK);
    }

    /** {@code halfClosure}: TCP relaying keeps a half-closed connection open; HTTP does not. */
    public ChannelFuture connect(EventLoop loop, Backend backend, int connectTimeoutMillis, boolean halfClosure,
            ChannelHandler handler) {
        return template.clone(loop)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMillis)
                .option(ChannelOption.ALLOW_HALF_CLOSURE, halfClosure)
                .handler(handler)
                .connect(backend.socketAddress());
    }

    @Override
    public void close() {
        resolver.close();
    }
}
