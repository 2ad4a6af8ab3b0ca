package io.balance.proxy.http;

import io.balance.proxy.ProxyState;
import io.balance.proxy.TrafficSettings;
import io.balance.proxy.backend.BackendConnector;
import io.balance.proxy.metrics.ProxyMetrics;
import io.balance.proxy.metrics.TrafficCountingHandler;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import java.util.function.Supplier;

/**
 * The client pipeline in HTTP mode: counting, reading requests, then forwarding; the connection's
 * timers (idle, head, exchange) are shared by the last two ({@link ConnectionTimers}).
 */
public final class HttpChannelInitializer extends ChannelInitializer<Channel> {
    private final Supplier<ProxyState> state;
    private final BackendConnector connector;
    private final ChannelGroup clients;
    private Shared shared; // made by the first connection; every connection uses the same

    /** What every connection's pipeline shares; final fields, so any event loop sees them whole. */
    private record Shared(TrafficCountingHandler counting, RejectListener rejects) {
        static Shared of(ProxyMetrics metrics, ChannelGroup clients) {
            return new Shared(new TrafficCountingHandler(metrics, clients),
                    reason -> metrics.rejected(ProxyMetrics.Reason.ofLabel(reason.label())));
        }
    }

    public HttpChannelInitializer(Supplier<ProxyState> state, BackendConnector connector, ChannelGroup clients) {
        this.state = state;
        this.connector = connector;
        this.clients = clients;
    }

    @Override
    protected void initChannel(Channel ch) {
        ProxyState s = state.get();
        TrafficSettings settings = s.settings();
        Shared shared = this.shared;
        if (shared == null) {
            shared = Shared.of(s.metrics(), clients);
            this.shared = shared;
        }
        ChannelPipeline p = ch.pipeline();
        p.addLast("traffic", shared.counting());
        ConnectionTimers timers = new ConnectionTimers(ch.eventLoop(), settings.idleTimeoutNanos());
        p.addLast(RequestReader.NAME, new RequestReader(settings.config().http(), settings.config().timeouts().read(),
                shared.rejects(), timers));
        p.addLast("proxy", new HttpProxyHandler(s, connector, timers));
    }
}
