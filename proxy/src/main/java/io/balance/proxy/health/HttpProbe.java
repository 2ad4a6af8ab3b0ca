package io.balance.proxy.health;

import io.balance.proxy.backend.Backend;
import io.balance.proxy.backend.BackendConnector;
import io.balance.proxy.resilience.ResilienceSettings;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.util.NetUtil;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One http or https probe: connect, {@code GET path} with the configured {@code Host}, and judge
 * the response status against {@code expected_status}. Only the status line and headers are
 * read; the connection is closed right after. Everything runs on one event loop and the whole
 * probe (connect, TLS handshake, response head) is bounded by {@code health_check.timeout}.
 */
final class HttpProbe extends ChannelInboundHandlerAdapter {
    private static final int MAX_LINE = 4096;
    private static final int MAX_HEADERS = 16 * 1024;

    private final Backend backend;
    private final ResilienceSettings.ActiveChecks settings;
    private final SslContext tls;
    private final ProbeCallback callback;
    private ScheduledFuture<?> timer;
    private Channel channel;
    private boolean finished;

    /** {@code tls} null for http; for https the context of {@link ProbeTls}. */
    HttpProbe(Backend backend, ResilienceSettings.ActiveChecks settings, SslContext tls, ProbeCallback callback) {
        this.backend = backend;
        this.settings = settings;
        this.tls = tls;
        this.callback = callback;
    }

    void start(EventLoop loop, BackendConnector connector) {
        long timeoutNanos = settings.timeoutNanos();
        timer = loop.schedule(() -> finish(false, "no response within " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + "ms"),
                timeoutNanos, TimeUnit.NANOSECONDS);
        int connectMillis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(timeoutNanos)));
        ChannelFuture future = connector.connect(loop, backend, connectMillis, false, new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                if (tls != null) {
                    ch.pipeline().addLast("tls", tls.newHandler(ch.alloc(), sniHost(), backend.address().port()));
                }
                ch.pipeline().addLast("codec", new HttpClientCodec(MAX_LINE, MAX_HEADERS, 8192));
                ch.pipeline().addLast("probe", HttpProbe.this);
            }
        });
        channel = future.channel();
        future.addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                finish(false, "connect failed: " + Probes.describe(f.cause()));
            } else if (finished) {
                f.channel().close();
            }
        });
    }

    /** SNI names the host header's host, or the backend's host name; never an IP literal. */
    private String sniHost() {
        String host = settings.host() != null ? settings.host() : backend.address().host();
        int colon = host.lastIndexOf(':');
        if (colon > 0 && host.indexOf(':') == colon) {
            host = host.substring(0, colon);
        }
        return NetUtil.isValidIpV4Address(host) || NetUtil.isValidIpV6Address(host) ? null : host;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, settings.path(),
                Unpooled.EMPTY_BUFFER);
        request.headers()
                .set(HttpHeaderNames.HOST, settings.host() != null ? settings.host() : backend.address().toString())
                .set(HttpHeaderNames.USER_AGENT, "balance-health-check")
                .set(HttpHeaderNames.ACCEPT, "*/*")
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(request);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof HttpResponse response) {
                int code = response.status().code();
                if (code >= 100 && code < 200) {
                    return;
                }
                boolean ok = settings.expectedStatus().matches(code);
                finish(ok, ok ? "" : "status " + code + " is not in expected_status");
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        finish(false, "connection closed before a response");
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        finish(false, Probes.describe(cause));
    }

    private void finish(boolean ok, String detail) {
        if (finished) {
            return;
        }
        finished = true;
        if (timer != null) {
            timer.cancel(false);
        }
        if (channel != null) {
            channel.close();
        }
        callback.done(ok, detail);
    }
}
