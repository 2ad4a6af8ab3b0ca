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
 * Opens backend connections on the caller's own event loop (no cross-thread hand-off). IP
 * literals are connected to as they are; host names go through Netty's non-blocking DNS
 * resolver, which is created with the first of them (it holds a UDP socket per event loop).
 */
public final class BackendConnector implements AutoCloseable {
    private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(32 * 1024, 128 * 1024);

    private final Transport transport;
    private final Bootstrap literals;
    private DnsAddressResolverGroup resolver; // guarded by this
    private volatile Bootstrap names;

    public BackendConnector(Transport transport) {
        this.transport = transport;
        this.literals = new Bootstrap()
                .channel(transport.socketChannelClass())
                .disableResolver()
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK);
    }

    /** {@code halfClosure}: TCP relaying keeps a half-closed connection open; HTTP does not. */
    public ChannelFuture connect(EventLoop loop, Backend backend, int connectTimeoutMillis, boolean halfClosure,
            ChannelHandler handler) {
        Bootstrap template = backend.socketAddress().isUnresolved() ? names() : literals;
        return template.clone(loop)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMillis)
                .option(ChannelOption.ALLOW_HALF_CLOSURE, halfClosure)
                .handler(handler)
                .connect(backend.socketAddress());
    }

    private Bootstrap names() {
        Bootstrap named = names;
        if (named == null) {
            synchronized (this) {
                if (names == null) {
                    resolver = new DnsAddressResolverGroup(new DnsNameResolverBuilder()
                            .datagramChannelType(transport.datagramChannelClass()));
                    names = literals.clone().resolver(resolver);
                }
                named = names;
            }
        }
        return named;
    }

    @Override
    public synchronized void close() {
        if (resolver != null) {
            resolver.close();
        }
    }
}
