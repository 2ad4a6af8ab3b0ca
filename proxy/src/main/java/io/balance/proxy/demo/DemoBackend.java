package io.balance.proxy.demo;

import io.balance.api.config.HostPort;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http.HttpUtil;
import java.nio.charset.StandardCharsets;

/**
 * A tiny HTTP/1.1 backend for demos: answers every request with its own name, with keep-alive,
 * on one Netty event loop, so it keeps up with a load test of the proxy in front of it. Used by
 * {@code scripts/run.sh}; not part of the proxy's runtime.
 */
public final class DemoBackend {
    private DemoBackend() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 2) {
            System.err.println("usage: DemoBackend HOST:PORT NAME");
            System.exit(2);
        }
        HostPort address = HostPort.parse(args[0]);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        start(group, address.host(), address.port(), args[1]).closeFuture().sync();
    }

    /** Binds a demo backend on {@code group}; returns its server channel (port 0 picks a free port). */
    public static Channel start(EventLoopGroup group, String host, int port, String name) throws InterruptedException {
        byte[] body = ("hello from " + name + "\n").getBytes(StandardCharsets.UTF_8);
        return new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(new HttpServerCodec(), new HttpServerKeepAliveHandler(), new Greeting(name, body));
                    }
                })
                .bind(host, port).sync().channel();
    }

    /** Answers each request head with the name; the request's body, if any, is read and dropped. */
    @ChannelHandler.Sharable
    private static final class Greeting extends SimpleChannelInboundHandler<HttpObject> {
        private final String name;
        private final byte[] body;

        Greeting(String name, byte[] body) {
            this.name = name;
            this.body = body;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject message) {
            if (message instanceof HttpRequest request) {
                FullHttpResponse response = new DefaultFullHttpResponse(request.protocolVersion(), HttpResponseStatus.OK,
                        Unpooled.wrappedBuffer(body));
                response.headers()
                        .set(HttpHeaderNames.CONTENT_TYPE, "text/plain")
                        .set("X-Backend", name)
                        .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
                HttpUtil.setKeepAlive(response, HttpUtil.isKeepAlive(request));
                ctx.writeAndFlush(response);
            }
        }
    }
}
