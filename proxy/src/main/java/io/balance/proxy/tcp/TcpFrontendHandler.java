package io.balance.proxy.tcp;

import io.balance.proxy.ProxyState;
import io.balance.proxy.TrafficSettings;
import io.balance.proxy.backend.Backend;
import io.balance.proxy.backend.BackendConnector;
import io.balance.proxy.backend.BackendHealth;
import io.balance.proxy.backend.BackendSet;
import io.balance.proxy.lb.BackendFilter;
import io.balance.proxy.lb.HashKeys;
import io.balance.proxy.metrics.ProxyMetrics.Reason;
import io.balance.proxy.resilience.PanicPolicy;
import io.balance.proxy.resilience.PanicPolicy.Eligibility;
import io.balance.proxy.resilience.ResilienceSettings;
import io.balance.proxy.resilience.RetryPermit;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.timeout.IdleStateEvent;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * Accepts a client connection in TCP mode: picks a backend (hashing on the source address where
 * the algorithm wants it), connects on the client's own event loop, fails over to another
 * backend when a connect fails, then hands both channels to {@link TcpRelayHandler}s. Failover
 * follows the HTTP retry rules ({@link RetryPermit}): {@code retry.max_attempts}, the retry
 * budget (a token from the first failover until connected or given up) and the backoff, waited
 * on the event loop's timer.
 */
public final class TcpFrontendHandler extends ChannelInboundHandlerAdapter implements BackendFilter {
    private static final int MAX_TRIES = ResilienceSettings.MAX_ATTEMPTS_CAP;

    private final ProxyState state;
    private final BackendConnector connector;
    private final Backend[] tried = new Backend[MAX_TRIES];
    private RetryPermit retryPermit; // made by the first failover: most connections never fail over
    private int triedCount;
    private int attempts;
    private Eligibility eligibility = Eligibility.NORMAL;
    private boolean atConnectionLimit;
    private boolean allowTried;
    private long hash;
    private RelayPair pair;

    public TcpFrontendHandler(ProxyState state, BackendConnector connector) {
        this.state = state;
        this.connector = connector;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        hash = HashKeys.ofAddress(((InetSocketAddress) ctx.channel().remoteAddress()).getAddress());
        connectNext(ctx);
        ctx.fireChannelActive();
    }

    @Override
    public boolean accepts(Backend backend) {
        for (int i = 0; i < triedCount && !allowTried; i++) {
            if (tried[i] == backend) {
                return false;
            }
        }
        return PanicPolicy.accepts(eligibility, backend);
    }

    /**
     * Connects to the next backend the balancer offers. Backends skipped without a connect
     * (breaker has no trial slot, connection cap reached) don't spend an attempt. A refused
     * client is counted once, under the reason that best explains it.
     */
    private void connectNext(ChannelHandlerContext ctx) {
        TrafficSettings settings = state.settings();
        ResilienceSettings resilience = settings.resilience();
        BackendSet set = state.registry().current();
        eligibility = state.resilience().panic().decide(set, resilience.panicThresholdPercent());
        while (eligibility != Eligibility.NONE && triedCount < MAX_TRIES) {
            Backend backend = pick(set);
            if (backend == null) {
                break;
            }
            tried[triedCount++] = backend;
            if (!backend.health().tryAcquire()) {
                continue;
            }
            if (!backend.tryOpenConnection(resilience.limits().maxConnections())) {
                backend.health().released();
                atConnectionLimit = true;
                continue;
            }
            backend.requestStarted();
            if (attempts++ > 0) {
                state.backendMeters().retried(backend);
            }
            ChannelFuture future = connector.connect(ctx.channel().eventLoop(), backend, settings.connectTimeoutMillis(), true,
                    new ChannelInitializer<>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline().addLast(new BackendConnectionCounter(backend));
                        }
                    });
            future.addListener((ChannelFutureListener) f -> connected(ctx, backend, f));
            return;
        }
        giveUp(ctx, attempts > 0 ? Reason.CONNECT_FAILED : atConnectionLimit ? Reason.CONNECTION_LIMIT : Reason.NO_BACKEND);
    }

    /** As in HTTP, a failover goes to a backend not tried yet when there is one, else back to one already tried. */
    private Backend pick(BackendSet set) {
        Backend chosen = set.balancer().choose(hash, this);
        if (chosen == null && attempts > 0 && !allowTried) {
            allowTried = true;
            chosen = set.balancer().choose(hash, this);
        }
        return chosen;
    }

    /** After a failed connect: the next backend after the backoff, if {@link RetryPermit} allows one. */
    private void failOver(ChannelHandlerContext ctx) {
        ResilienceSettings.Retry retry = state.settings().resilience().retry();
        if (retryPermit == null) {
            retryPermit = new RetryPermit(state.resilience().retryBudget(), state.metrics());
        }
        long delay = retryPermit.nextDelayNanos(attempts, retry, state.registry().current().backends());
        if (delay == RetryPermit.NO_RETRY) {
            giveUp(ctx, Reason.CONNECT_FAILED);
            return;
        }
        ctx.executor().schedule(() -> {
            if (ctx.channel().isActive()) {
                connectNext(ctx);
            }
        }, delay, TimeUnit.NANOSECONDS);
    }

    private void giveUp(ChannelHandlerContext ctx, Reason reason) {
        releaseRetryPermit();
        state.metrics().rejected(reason);
        ctx.close();
    }

    private void connected(ChannelHandlerContext ctx, Backend backend, ChannelFuture future) {
        if (!future.isSuccess()) {
            backend.connectionClosed();
            backend.requestFinished();
            backend.health().failed(BackendHealth.Failure.CONNECT);
            if (ctx.channel().isActive()) {
                failOver(ctx);
            }
            return;
        }
        releaseRetryPermit();
        backend.health().succeeded();
        Channel client = ctx.channel();
        Channel backendChannel = future.channel();
        if (!client.isActive()) {
            backend.requestFinished();
            backendChannel.close();
            return;
        }
        pair = new RelayPair(client, backendChannel, backend, state.settings().idleTimeoutNanos());
        backendChannel.pipeline().addLast(new TcpRelayHandler(client, pair));
        client.pipeline().addLast(new TcpRelayHandler(backendChannel, pair));
        client.config().setAutoRead(true);
        backendChannel.config().setAutoRead(true);
    }

    private void releaseRetryPermit() {
        if (retryPermit != null) {
            retryPermit.release();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        releaseRetryPermit();
        ctx.fireChannelInactive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            if (pair != null) {
                pair.abort();
            } else {
                ctx.close();
            }
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
