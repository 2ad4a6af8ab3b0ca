package io.balance.proxy.testing;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;

/**
 * A real TCP backend on 127.0.0.1 for TCP-mode tests, with half-close enabled. What it does
 * with a connection is fixed at start:
 * <ul>
 *   <li>{@link #echo}: sends every byte back; at end of input, flushes and closes;</li>
 *   <li>{@link #replyAfterEof}: reads until end of input, then (optionally after a think time) answers
 *       {@code "<bytes received> <crc32 hex>\n"} followed by {@code replyBytes} of {@link #pattern},
 *       then closes;</li>
 *   <li>{@link #closeAtOnce}: accepts and closes;</li>
 *   <li>{@link #source}: sends {@code bytes} of {@link #pattern} as fast as the connection takes
 *       them (respecting its own write buffer), then closes.</li>
 * </ul>
 * Counts accepted and open connections, bytes received, and bytes written to the socket.
 */
public final class TcpTestBackend implements AutoCloseable {
    private static final EventLoopGroup GROUP = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private static final int CHUNK = 16 * 1024;

    private enum Behaviour { ECHO, REPLY_AFTER_EOF, CLOSE_AT_ONCE, SOURCE }

    private final String name;
    private final Behaviour behaviour;
    private final long size;
    private final long thinkMillis;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private Channel server;

    private TcpTestBackend(String name, Behaviour behaviour, long size) {
        this(name, behaviour, size, 0);
    }

    private TcpTestBackend(String name, Behaviour behaviour, long size, long thinkMillis) {
        this.name = name;
        this.behaviour = behaviour;
        this.size = size;
        this.thinkMillis = thinkMillis;
    }

    public static TcpTestBackend echo(String name) {
        return new TcpTestBackend(name, Behaviour.ECHO, 0).listen();
    }

    public static TcpTestBackend replyAfterEof(String name, int replyBytes) {
        return new TcpTestBackend(name, Behaviour.REPLY_AFTER_EOF, replyBytes).listen();
    }

    /** Like {@link #replyAfterEof(String, int)}, but takes {@code think} before answering. */
    public static TcpTestBackend replyAfterEof(String name, int replyBytes, Duration think) {
        return new TcpTestBackend(name, Behaviour.REPLY_AFTER_EOF, replyBytes, think.toMillis()).listen();
    }

    public static TcpTestBackend closeAtOnce(String name) {
        return new TcpTestBackend(name, Behaviour.CLOSE_AT_ONCE, 0).listen();
    }

    public static TcpTestBackend source(String name, long bytes) {
        return new TcpTestBackend(name, Behaviour.SOURCE, bytes).listen();
    }

    /** The deterministic byte at {@code offset} of what {@link #source} and {@link #replyAfterEof} send. */
    public static byte pattern(long offset) {
        return (byte) (offset * 131 + (offset >>> 13));
    }

    /** CRC32 of the first {@code length} bytes of {@link #pattern}. */
    public static long patternCrc(long length) {
        CRC32 crc = new CRC32();
        byte[] chunk = new byte[CHUNK];
        for (long offset = 0; offset < length; offset += chunk.length) {
            int n = (int) Math.min(chunk.length, length - offset);
            fillPattern(chunk, offset, n);
            crc.update(chunk, 0, n);
        }
        return crc.getValue();
    }

    private static void fillPattern(byte[] into, long offset, int n) {
        for (int i = 0; i < n; i++) {
            into[i] = pattern(offset + i);
        }
    }

    private TcpTestBackend listen() {
        try {
            server = new ServerBootstrap()
                    .group(GROUP)
                    .channel(NioServerSocketChannel.class)
                    .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                    .childHandler(new ChannelInitializer<>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            connections.incrementAndGet();
                            open.incrementAndGet();
                            ch.closeFuture().addListener(f -> open.decrementAndGet());
                            channels.add(ch);
                            ch.pipeline().addLast(new Handler());
                        }
                    })
                    .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        channels.add(server);
        return this;
    }

    public String name() {
        return name;
    }

    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    public String address() {
        return "127.0.0.1:" + port();
    }

    /** Connections accepted so far. */
    public int connections() {
        return connections.get();
    }

    /** Connections open now. */
    public int open() {
        return open.get();
    }

    public long bytesReceived() {
        return received.get();
    }

    /** Bytes the socket has taken (written to the kernel), not merely queued. */
    public long bytesSent() {
        return sent.get();
    }

    @Override
    public void close() {
        channels.close().awaitUninterruptibly();
    }

    private final class Handler extends ChannelInboundHandlerAdapter {
        private final CRC32 crc = new CRC32();
        private long offset;
        private long total = -1; // bytes of pattern to send; -1 while not sending

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            switch (behaviour) {
                case CLOSE_AT_ONCE -> ctx.close();
                case SOURCE -> startPattern(ctx, size);
                default -> {
                }
            }
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            received.addAndGet(buf.readableBytes());
            switch (behaviour) {
                case ECHO -> write(ctx, buf);
                case REPLY_AFTER_EOF -> {
                    crc.update(buf.nioBuffer());
                    buf.release();
                }
                default -> ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (total >= 0 && ctx.channel().isWritable()) {
                sendPattern(ctx);
            }
            // Echo relies on the socket's own back-pressure: stop reading while the peer is slow.
            if (behaviour == Behaviour.ECHO) {
                ctx.channel().config().setAutoRead(ctx.channel().isWritable());
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof ChannelInputShutdownEvent) {
                if (behaviour == Behaviour.REPLY_AFTER_EOF) {
                    ctx.executor().schedule(() -> reply(ctx), thinkMillis, TimeUnit.MILLISECONDS);
                    return;
                }
                if (behaviour != Behaviour.SOURCE) {
                    ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
                }
                return;
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }

        private void reply(ChannelHandlerContext ctx) {
            byte[] head = (received.get() + " " + Long.toHexString(crc.getValue()) + "\n").getBytes(StandardCharsets.US_ASCII);
            write(ctx, Unpooled.wrappedBuffer(head));
            startPattern(ctx, size);
        }

        private void startPattern(ChannelHandlerContext ctx, long bytes) {
            offset = 0;
            total = bytes;
            sendPattern(ctx);
        }

        /** Writes the pattern while the channel is writable; closes after the last byte. */
        private void sendPattern(ChannelHandlerContext ctx) {
            while (offset < total && ctx.channel().isWritable()) {
                int n = (int) Math.min(CHUNK, total - offset);
                byte[] chunk = new byte[n];
                fillPattern(chunk, offset, n);
                offset += n;
                write(ctx, Unpooled.wrappedBuffer(chunk));
                ctx.flush();
            }
            if (offset >= total) {
                total = -1;
                ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            }
        }

        private void write(ChannelHandlerContext ctx, ByteBuf buf) {
            int n = buf.readableBytes();
            ctx.write(buf).addListener(f -> {
                if (f.isSuccess()) {
                    sent.addAndGet(n);
                }
            });
        }
    }
}
