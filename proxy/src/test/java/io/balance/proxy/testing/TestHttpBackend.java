package io.balance.proxy.testing;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP backend on 127.0.0.1 for tests. Answers with its own name; paths steer it:
 * {@code /status/NNN} answers that status, {@code /delay/MS} answers after MS milliseconds,
 * {@code /echo} returns the request body, {@code /bytes/N} answers N zero bytes, {@code /headers} lists the request headers,
 * {@code /stall} never answers, {@code /close} closes without answering. Counts requests and
 * connections. {@link #kill()} closes the listener and every connection at once.
 */
public final class TestHttpBackend implements AutoCloseable {
    private static final EventLoopGroup GROUP = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());

    private final String name;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final Map<String, AtomicInteger> byPath = new ConcurrentHashMap<>();
    private final Map<String, Integer> pathStatus = new ConcurrentHashMap<>();
    private final Map<String, HttpHeaders> lastHeaders = new ConcurrentHashMap<>();
    private volatile int forcedStatus;
    private Channel server;
    private int port;

    private TestHttpBackend(String name) {
        this.name = name;
    }

    public static TestHttpBackend start(String name) {
        return new TestHttpBackend(name).listen(0);
    }

    /**
     * A backend whose listener takes no connection until {@link #acceptAgain()}: once its backlog
     * of one is full, the kernel drops further SYNs, so connects to it hang (in SYN retransmits)
     * instead of failing.
     */
    public static TestHttpBackend startNotAccepting(String name) {
        return new TestHttpBackend(name).listen(0, false);
    }

    /** Starts (or restarts, after {@link #kill()}) on the given port; 0 picks one. */
    public TestHttpBackend listen(int wantedPort) {
        return listen(wantedPort, true);
    }

    /** The listener of {@link #startNotAccepting} takes connections from now on, the waiting ones first. */
    public void acceptAgain() {
        server.config().setAutoRead(true);
    }

    private TestHttpBackend listen(int wantedPort, boolean accepting) {
        try {
            ServerBootstrap bootstrap = new ServerBootstrap();
            if (!accepting) {
                bootstrap.option(ChannelOption.SO_BACKLOG, 1).option(ChannelOption.AUTO_READ, false);
            }
            server = bootstrap
                    .group(GROUP)
                    .channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            connections.incrementAndGet();
                            channels.add(ch);
                            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(16 * 1024 * 1024), new Handler());
                        }
                    })
                    .bind(new InetSocketAddress("127.0.0.1", wantedPort)).sync().channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        channels.add(server);
        port = ((InetSocketAddress) server.localAddress()).getPort();
        return this;
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public String address() {
        return "127.0.0.1:" + port;
    }

    public int requests() {
        return requests.get();
    }

    public int requests(String path) {
        AtomicInteger count = byPath.get(path);
        return count == null ? 0 : count.get();
    }

    public int connections() {
        return connections.get();
    }

    /** Answers requests for exactly {@code path} with this status (0 restores normal answers). */
    public void statusFor(String path, int status) {
        if (status == 0) {
            pathStatus.remove(path);
        } else {
            pathStatus.put(path, status);
        }
    }

    /** The headers of the last request for exactly {@code path}, or null. */
    public HttpHeaders lastHeaders(String path) {
        return lastHeaders.get(path);
    }

    /** Answers every request with this status (0 restores normal answers). */
    public void forceStatus(int status) {
        this.forcedStatus = status;
    }

    /** Closes the listener and every open connection, like a crashed process. */
    public void kill() {
        channels.close().awaitUninterruptibly();
    }

    @Override
    public void close() {
        kill();
    }

    private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            requests.incrementAndGet();
            String path = request.uri();
            byPath.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            lastHeaders.put(path, request.headers().copy());
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            Integer pathOverride = pathStatus.get(path);
            if (pathOverride != null) {
                send(ctx, HttpResponseStatus.valueOf(pathOverride), name, keepAlive);
                return;
            }
            if (path.startsWith("/stall")) {
                return;
            }
            if (path.startsWith("/close")) {
                ctx.close();
                return;
            }
            if (forcedStatus != 0) {
                send(ctx, HttpResponseStatus.valueOf(forcedStatus), name, keepAlive);
            } else if (path.startsWith("/status/")) {
                send(ctx, HttpResponseStatus.valueOf(Integer.parseInt(path.substring(8))), name, keepAlive);
            } else if (path.startsWith("/delay/")) {
                long ms = Long.parseLong(path.substring(7));
                ctx.executor().schedule(() -> send(ctx, HttpResponseStatus.OK, name, keepAlive), ms, TimeUnit.MILLISECONDS);
            } else if (path.startsWith("/bytes/")) {
                int size = Integer.parseInt(path.substring(7));
                sendBody(ctx, HttpResponseStatus.OK, Unpooled.wrappedBuffer(new byte[size]), keepAlive);
            } else if (path.startsWith("/echo")) {
                ByteBuf body = request.content().retainedDuplicate();
                sendBody(ctx, HttpResponseStatus.OK, body, keepAlive);
            } else if (path.startsWith("/headers")) {
                StringBuilder out = new StringBuilder();
                request.headers().forEach(h -> out.append(h.getKey().toLowerCase()).append(": ").append(h.getValue()).append('\n'));
                send(ctx, HttpResponseStatus.OK, out.toString(), keepAlive);
            } else {
                send(ctx, HttpResponseStatus.OK, name, keepAlive);
            }
        }

        private void send(ChannelHandlerContext ctx, HttpResponseStatus status, String body, boolean keepAlive) {
            sendBody(ctx, status, Unpooled.copiedBuffer(body, StandardCharsets.UTF_8), keepAlive);
        }

        private void sendBody(ChannelHandlerContext ctx, HttpResponseStatus status, ByteBuf body, boolean keepAlive) {
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
            response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
            response.headers().set("X-Backend", name);
            HttpUtil.setKeepAlive(response, keepAlive);
            var future = ctx.writeAndFlush(response);
            if (!keepAlive) {
                future.addListener(ChannelFutureListener.CLOSE);
            }
        }
    }
}
