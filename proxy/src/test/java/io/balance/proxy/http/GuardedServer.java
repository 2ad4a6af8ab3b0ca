package io.balance.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.balance.api.config.HttpConfig;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback server with the request guards and a terminal handler that answers every complete
 * request with 200 "ok", keeping the connection alive. Its {@code X-Body-Bytes} header tells how
 * many body bytes arrived and {@code X-Uri} which request it answers. Requests to {@code /slow}
 * are answered 200 ms later, to hold a response back while later requests arrive.
 */
final class GuardedServer implements AutoCloseable {
    static final HttpConfig LIMITS = new HttpConfig(null, 256, 1024, 10, null, null, null, null, null);

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel server;
    private final List<RejectReason> rejects = new CopyOnWriteArrayList<>();
    private final AtomicInteger abortedBodies = new AtomicInteger();

    GuardedServer(Duration headTimeout) throws InterruptedException {
        server = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        RequestGuards.install(ch.pipeline(), LIMITS, headTimeout, rejects::add);
                        ch.pipeline().addLast(new OkHandler());
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** Reasons reported to the {@link RejectListener}, in order. */
    List<RejectReason> rejects() {
        return rejects;
    }

    /** Waits until the {@link RejectListener} has seen exactly these reasons. */
    void awaitRejects(RejectReason... expected) {
        await().pollDelay(Duration.ZERO).atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(rejects).containsExactly(expected));
    }

    /** Bodies the terminal handler saw end with a failed decoder result. */
    int abortedBodies() {
        return abortedBodies.get();
    }

    void reset() {
        rejects.clear();
        abortedBodies.set(0);
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Answers in request order, like any HTTP/1.1 server must, even when {@code /slow} is held back. */
    private final class OkHandler extends ChannelInboundHandlerAdapter {
        private final Deque<Answer> answers = new ArrayDeque<>();
        private HttpRequest request;
        private long bodyBytes;

        private static final class Answer {
            final FullHttpResponse response;
            final boolean keepAlive;
            boolean ready;

            Answer(FullHttpResponse response, boolean keepAlive) {
                this.response = response;
                this.keepAlive = keepAlive;
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof ValidatedRequest r) {
                    request = r.head();
                    bodyBytes = 0;
                }
                if (msg instanceof HttpContent content) {
                    if (!content.decoderResult().isSuccess()) {
                        abortedBodies.incrementAndGet();
                        return;
                    }
                    bodyBytes += content.content().readableBytes();
                    if (msg instanceof LastHttpContent) {
                        answer(ctx, request, bodyBytes);
                    }
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        private void answer(ChannelHandlerContext ctx, HttpRequest request, long bodyBytes) {
            FullHttpResponse response = new DefaultFullHttpResponse(request.protocolVersion(), HttpResponseStatus.OK,
                    Unpooled.copiedBuffer("ok", StandardCharsets.US_ASCII));
            response.headers().set(HttpHeaderNames.CONTENT_LENGTH, 2);
            response.headers().set("X-Body-Bytes", bodyBytes);
            response.headers().set("X-Uri", request.uri());
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            HttpUtil.setKeepAlive(response, keepAlive);
            Answer answer = new Answer(response, keepAlive);
            answers.add(answer);
            if (request.uri().equals("/slow")) {
                ctx.executor().schedule(() -> release(ctx, answer), 200, TimeUnit.MILLISECONDS);
            } else {
                release(ctx, answer);
            }
        }

        private void release(ChannelHandlerContext ctx, Answer answer) {
            answer.ready = true;
            while (!answers.isEmpty() && answers.peek().ready) {
                Answer next = answers.poll();
                var written = ctx.writeAndFlush(next.response);
                if (!next.keepAlive) {
                    written.addListener(ChannelFutureListener.CLOSE);
                }
            }
        }
    }
}
