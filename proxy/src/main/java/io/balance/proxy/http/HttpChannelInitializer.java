package io.balance.proxy.http;

import io.balance.proxy.ProxyState;
import io.balance.proxy.TrafficSettings;
import io.balance.proxy.backend.BackendConnector;
import io.balance.proxy.metrics.ClientTraffic;
import io.balance.proxy.metrics.ProxyMetrics;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.util.concurrent.EventExecutor;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The client pipeline in HTTP mode: reading requests (which also counts the connection's traffic),
 * then forwarding; the connection's timers (idle, head, exchange) are shared by the two
 * ({@link ConnectionTimers}) and filed with those of the other connections on its event loop
 * ({@link EventLoopTimers}).
 */
public final class HttpChannelInitializer extends ChannelInitializer<Channel> {
    private final Supplier<ProxyState> state;
    private final BackendConnector connector;
    private final ChannelGroup clients;
    private final Map<EventExecutor, EventLoopTimers> timersByLoop = new ConcurrentHashMap<>();
    private Readers readers; // for the settings in force: made again when a reload changes them

    /** The reader settings every connection accepted under {@code settings} shares; final fields, so any event loop sees them whole. */
    private record Readers(TrafficSettings settings, ReaderSettings reader) {
        static Readers of(TrafficSettings settings, ProxyMetrics metrics, ChannelGroup clients) {
            return new Readers(settings, ReaderSettings.of(settings.config().http(), settings.config().timeouts().read(),
                    reason -> metrics.rejected(ProxyMetrics.Reason.ofLabel(reason.label())), new ClientTraffic(metrics, clients)));
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
        Readers readers = this.readers;
        if (readers == null || readers.settings() != settings) {
            readers = Readers.of(settings, s.metrics(), clients);
            this.readers = readers;
        }
        ChannelPipeline p = ch.pipeline();
        ConnectionTimers timers = new ConnectionTimers(loopTimers(ch.eventLoop()), settings.idleTimeoutNanos());
        p.addLast(RequestReader.NAME, new RequestReader(readers.reader(), timers));
        p.addLast("proxy", new HttpProxyHandler(s, connector, timers));
    }

    private EventLoopTimers loopTimers(EventExecutor loop) {
        EventLoopTimers timers = timersByLoop.get(loop);
        return timers != null ? timers : timersByLoop.computeIfAbsent(loop, EventLoopTimers::new);
    }
}
