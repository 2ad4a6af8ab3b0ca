package io.balance.proxy.tcp;

import io.balance.proxy.transport.Transport;
import io.balance.proxy.transport.Transports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The I/O engine for TCP mode. Netty 4.2.18's epoll transport loses data on half-closed
 * connections: when a channel whose peer has half-closed has nothing left to wait for, epoll
 * drops its descriptor from the epoll set but keeps believing it is registered, so the next
 * write that must wait for the socket fails ({@code epoll_ctl ... No such file or directory}),
 * the output is shut down and every queued byte is lost. TCP mode relays half-closes, so where
 * epoll would be used it runs on NIO instead; io_uring is unaffected. HTTP mode does not allow
 * half-closure and keeps epoll. {@code NettyEpollHalfCloseTest} pins the bug and will say when an
 * upgrade fixes it.
 */
public final class TcpTransport {
    private static final Logger LOG = LoggerFactory.getLogger(TcpTransport.class);

    private TcpTransport() {
    }

    public static Transport forTcpMode(Transport chosen) {
        if (!chosen.name().equals("epoll")) {
            return chosen;
        }
        LOG.warn("tcp mode runs on the nio transport instead of epoll: Netty 4.2.18's epoll loses data on half-closed connections");
        return Transports.select("nio");
    }
}
