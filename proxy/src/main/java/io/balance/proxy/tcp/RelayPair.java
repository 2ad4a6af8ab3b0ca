package io.balance.proxy.tcp;

import io.balance.proxy.backend.Backend;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;

/** The two channels of one relayed connection and which directions have ended. */
final class RelayPair {
    private final Channel client;
    private final Channel backendChannel;
    private final Backend backend;
    private boolean clientInputDone;
    private boolean backendInputDone;
    private boolean closed;

    RelayPair(Channel client, Channel backendChannel, Backend backend) {
        this.client = client;
        this.backendChannel = backendChannel;
        this.backend = backend;
    }

    void markInputDone(Channel channel) {
        if (channel == client) {
            clientInputDone = true;
        } else {
            backendInputDone = true;
        }
    }

    boolean inputDone(Channel channel) {
        return channel == client ? clientInputDone : backendInputDone;
    }

    boolean bothInputsDone() {
        return clientInputDone && backendInputDone;
    }

    void closeBoth() {
        if (closed) {
            return;
        }
        closed = true;
        backend.requestFinished();
        flushAndClose(client);
        flushAndClose(backendChannel);
    }

    private static void flushAndClose(Channel channel) {
        if (channel.isActive()) {
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        } else {
            channel.close();
        }
    }
}
