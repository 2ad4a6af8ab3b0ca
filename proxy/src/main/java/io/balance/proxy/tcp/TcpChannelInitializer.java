package io.balance.proxy.tcp;

import io.balance.proxy.ProxyState;
import io.balance.proxy.backend.BackendConnector;
import io.balance.proxy.channel.IdleTimeoutHandler;
import io.balance.proxy.metrics.ClientTraffic;
import io.balance.proxy.metrics.TrafficCountingHandler;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import java.util.function.Supplier;

/** The client pipeline in TCP mode: counting, idle timeout (reset by traffic either way), relay. */
public final class TcpChannelInitializer extends ChannelInitializer<Channel> {
    private final Supplier<ProxyState> state;
    private final BackendConnector connector;
    private final ChannelGroup clients;
    private TrafficCountingHandler counting;

    public TcpChannelInitializer(Supplier<ProxyState> state, BackendConnector connector, ChannelGroup clients) {
        this.state = state;
        this.connector = connector;
        this.clients = clients;
    }

    @Override
    protected void initChannel(Channel ch) {
        ProxyState s = state.get();
        if (counting == null) {
            counting = new TrafficCountingHandler(new ClientTraffic(s.metrics(), clients));
        }
        ch.pipeline().addLast("traffic", counting);
        ch.pipeline().addLast("idle", new IdleTimeoutHandler(s.settings().idleTimeoutNanos()));
        ch.pipeline().addLast("relay", new TcpFrontendHandler(s, connector));
    }
}
