package io.balance.proxy.admin;

import io.balance.proxy.ProxyServer;
import io.balance.proxy.transport.Transport;
import io.balance.proxy.transport.Transports;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The admin HTTP listener, on its own event loop so that traffic can never starve it. That loop is
 * NIO whatever the data plane runs on: a handful of control-plane requests a second do not need
 * io_uring, whose ring and per-loop message headers cost about a megabyte of memory.
 */
public final class AdminServer implements AutoCloseable {
    private static final int MAX_BODY = 4 * 1024 * 1024;

    private final AdminApi api;
    private final EventLoopGroup group;
    private final Class<? extends ServerChannel> serverChannelClass;
    private Channel channel;

    public AdminServer(ProxyServer server) {
        this.api = new AdminApi(server);
        Transport transport = Transports.select("nio");
        this.group = transport.newGroup(1, "balance-admin");
        this.serverChannelClass = transport.serverChannelClass();
    }

    public AdminServer start(InetSocketAddress address) throws InterruptedException {
        channel = new ServerBootstrap()
                .group(group)
                .channel(serverChannelClass)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new ReadTimeoutHandler(30, TimeUnit.SECONDS));
                        ch.pipeline().addLast(new HttpServerCodec());
                        ch.pipeline().addLast(new HttpObjectAggregator(MAX_BODY));
                        ch.pipeline().addLast(new AdminHttpHandler(api));
                    }
                })
                .bind(address)
                .sync()
                .channel();
        return this;
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.close().awaitUninterruptibly();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
