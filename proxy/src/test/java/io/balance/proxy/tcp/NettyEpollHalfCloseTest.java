package io.balance.proxy.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.Assumptions;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Pins a bug of Netty 4.2.18's epoll transport, the reason {@link TcpTransport} serves TCP mode
 * with NIO where epoll would be chosen: once a half-closed channel has nothing left to wait for,
 * epoll removes its descriptor from the epoll set (EPOLL_CTL_DEL) but still believes it is
 * registered, so the next write that has to wait for the socket fails with
 * {@code epoll_ctl(..) failed with error(-2): No such file or directory}; Netty then shuts the
 * output down and drops everything queued. A relay hits this whenever a client half-closes and
 * then reads the reply more slowly than the backend sends it. If a Netty upgrade makes this test
 * fail, the bug is fixed: drop the workaround in {@link TcpTransport}.
 */
class NettyEpollHalfCloseTest {

    @Test
    void epollDropsWritesToAChannelWhosePeerHalfClosed() throws Exception {
        Assumptions.assumeThat(Epoll.isAvailable()).as("epoll available").isTrue();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        CompletableFuture<ChannelFuture> bigWrite = new CompletableFuture<>();
        try {
            Channel server = new ServerBootstrap()
                    .group(group)
                    .channel(EpollServerSocketChannel.class)
                    .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                    .childHandler(new ChannelInboundHandlerAdapter() {
                        @Override
                        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                            if (evt instanceof ChannelInputShutdownEvent) {
                                // Nothing more to read: no EPOLLIN, and Netty drops EPOLLRDHUP next,
                                // leaving an empty interest set.
                                ctx.channel().config().setAutoRead(false);
                                // Then reply with more than the client's socket can take at once.
                                ctx.executor().execute(() -> bigWrite.complete(
                                        ctx.writeAndFlush(Unpooled.wrappedBuffer(new byte[8 * 1024 * 1024]))));
                            }
                        }
                    })
                    .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
            try (Socket client = new Socket()) {
                client.setReceiveBufferSize(32 * 1024);
                client.connect(server.localAddress(), 5_000);
                client.shutdownOutput(); // half-close; the reply is never read

                ChannelFuture write = bigWrite.get(5, TimeUnit.SECONDS);
                // Fixed, the write would simply wait for the client to read; broken, it fails at once.
                try {
                    await().atMost(Duration.ofSeconds(5)).until(write::isDone);
                } catch (ConditionTimeoutException e) {
                    fail("Netty's epoll no longer loses writes after a half-close: remove the workaround in TcpTransport");
                }
                assertThat(write.cause()).isNotNull().rootCause().hasMessageContaining("epoll_ctl");
            } finally {
                server.close().sync();
            }
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }
}
