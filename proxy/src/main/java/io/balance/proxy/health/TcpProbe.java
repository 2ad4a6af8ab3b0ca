package io.balance.proxy.health;

import io.balance.proxy.backend.Backend;
import io.balance.proxy.backend.BackendConnector;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;

/** A tcp probe: the backend is up if a connection opens within the timeout. */
final class TcpProbe {
    private TcpProbe() {
    }

    static void run(EventLoop loop, BackendConnector connector, Backend backend, int timeoutMillis, ProbeCallback callback) {
        ChannelFuture future = connector.connect(loop, backend, timeoutMillis, false, new ChannelInboundHandlerAdapter());
        future.addListener((ChannelFutureListener) f -> {
            if (f.isSuccess()) {
                f.channel().close();
                callback.done(true, "");
            } else {
                callback.done(false, "connect failed: " + Probes.describe(f.cause()));
            }
        });
    }
}
