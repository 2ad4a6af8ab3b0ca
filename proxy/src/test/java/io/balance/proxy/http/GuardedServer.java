package io.balance.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.balance.api.config.HttpConfig;
import io.balance.proxy.metrics.ClientTraffic;
import io.balance.proxy.metrics.ProxyMetrics;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.GlobalEventExecutor;
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
 * A loopback server with the {@link RequestReader} and a terminal handler that answers every
 * complete request with 200, keeping the connection alive as the request asks. The response body
 * is the request body exactly as the reader handed it on, {@code X-Uri} tells which request it
 * answers. Requests to {@code /slow} are answered 200 ms later, to hold a response back while later
 * requests arrive.
 */
final class GuardedServer implements AutoCloseable {
    static final HttpConfig LIMITS = new HttpConfig(null, 256, 1024, 10, null, null, null, null, null);

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel server;
    private final List<RejectReason> rejects = new CopyOnWriteArrayList<>();
    private final AtomicInteger abortedBodies = new AtomicInteger();

    GuardedServer(Duration headTimeout) throws InterruptedException {
        ReaderSettings readerSettings = settings(headTimeout, rejects::add);
        server = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        RequestReader reader = new RequestReader(readerSettings, new ConnectionTimers(new EventLoopTimers(ch.eventLoop()), 0));
                        ch.pipeline().addLast(reader, new HttpResponseEncoder(), new OkHandler(reader));
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
    }

    /** Reader settings with {@link #LIMITS}, counting traffic into a registry of their own. */
    static ReaderSettings settings(Duration headTimeout, RejectListener rejects) {
        return ReaderSettings.of(LIMITS, headTimeout, rejects,
                new ClientTraffic(new ProxyMetrics(), new DefaultChannelGroup(GlobalEventExecutor.INSTANCE)));
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

    /** Bodies the terminal handler saw end {@link RequestBodyEnd#BROKEN}. */
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
        private final RequestReader reader;
        private String uri;
        private boolean keepAlive;
        private boolean http11;
        private final StringBuilder body = new StringBuilder();

        OkHandler(RequestReader reader) {
            this.reader = reader;
        }

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
                    uri = r.content().toString(StandardCharsets.ISO_8859_1).trim().split(" ")[1];
                    keepAlive = r.keepAlive();
                    http11 = r.http11();
                    body.setLength(0);
                    if (r.bodyless()) {
                        answer(ctx);
                    }
                } else if (msg instanceof ByteBuf piece) {
                    body.append(piece.toString(StandardCharsets.ISO_8859_1));
                } else if (msg == RequestBodyEnd.COMPLETE) {
                    answer(ctx);
                } else if (msg instanceof RequestBodyEnd end && end.broken()) {
                    abortedBodies.incrementAndGet();
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        private void answer(ChannelHandlerContext ctx) {
            FullHttpResponse response = new DefaultFullHttpResponse(http11 ? HttpVersion.HTTP_1_1 : HttpVersion.HTTP_1_0,
                    HttpResponseStatus.OK, Unpooled.copiedBuffer(body, StandardCharsets.ISO_8859_1));
            response.headers().set(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
            response.headers().set("X-Uri", uri);
            HttpUtil.setKeepAlive(response, keepAlive);
            Answer answer = new Answer(response, keepAlive);
            answers.add(answer);
            if (uri.equals("/slow")) {
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
                reader.responseCompleted();
                if (!next.keepAlive) {
                    written.addListener(ChannelFutureListener.CLOSE);
                }
            }
        }
    }
}
