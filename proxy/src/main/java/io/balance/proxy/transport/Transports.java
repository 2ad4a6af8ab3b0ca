package io.balance.proxy.transport;

import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringDatagramChannel;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the I/O engine at start: io_uring, then epoll, then NIO for {@code auto}; a named one
 * falls back the same way, with a log line saying why.
 */
public final class Transports {
    private static final Logger LOG = LoggerFactory.getLogger(Transports.class);

    private Transports() {
    }

    public static Transport select(String preference) {
        return switch (preference) {
            case "io_uring", "auto" -> ioUring(preference);
            case "epoll" -> epoll(preference);
            case "nio" -> nio();
            default -> throw new IllegalArgumentException("unknown transport " + preference);
        };
    }

    private static Transport ioUring(String preference) {
        if (IoUring.isAvailable()) {
            return new Transport("io_uring", IoUringIoHandler.newFactory(), IoUringServerSocketChannel.class, IoUringSocketChannel.class,
                    IoUringDatagramChannel.class);
        }
        log(preference, "io_uring", IoUring.unavailabilityCause());
        return epoll(preference);
    }

    private static Transport epoll(String preference) {
        if (Epoll.isAvailable()) {
            return new Transport("epoll", EpollIoHandler.newFactory(), EpollServerSocketChannel.class, EpollSocketChannel.class,
                    EpollDatagramChannel.class);
        }
        log(preference, "epoll", Epoll.unavailabilityCause());
        return nio();
    }

    private static Transport nio() {
        return new Transport("nio", NioIoHandler.newFactory(), NioServerSocketChannel.class, NioSocketChannel.class,
                NioDatagramChannel.class);
    }

    private static void log(String preference, String name, Throwable cause) {
        String why = cause == null ? "unknown reason" : cause.getMessage();
        if (preference.equals(name)) {
            LOG.warn("transport {} requested but not available ({}); falling back", name, why);
        } else {
            LOG.debug("transport {} not available: {}", name, why);
        }
    }
}
