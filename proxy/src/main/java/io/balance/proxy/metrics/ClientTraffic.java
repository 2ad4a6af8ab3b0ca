package io.balance.proxy.metrics;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;

/**
 * Counts a listener's client connections and their bytes each way, and keeps every client channel
 * in the group that shutdown drains. Shared by all the listener's connections; the first handler of
 * each client pipeline reports to it.
 */
public final class ClientTraffic {
    private final ProxyMetrics metrics;
    private final ChannelGroup clients;

    public ClientTraffic(ProxyMetrics metrics, ChannelGroup clients) {
        this.metrics = metrics;
        this.clients = clients;
    }

    public void opened(Channel channel) {
        metrics.connectionOpened();
        clients.add(channel);
    }

    public void closed() {
        metrics.connectionClosed();
    }

    /** A message read from a client: a buffer counts its bytes. */
    public void read(Object msg) {
        if (msg instanceof ByteBuf buf) {
            metrics.bytesIn(buf.readableBytes());
        }
    }

    /** A message written to a client: a buffer counts its bytes. */
    public void written(Object msg) {
        if (msg instanceof ByteBuf buf) {
            metrics.bytesOut(buf.readableBytes());
        }
    }
}
