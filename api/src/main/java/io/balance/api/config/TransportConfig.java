package io.balance.api.config;

/**
 * {@code transport}: the I/O engine ({@code auto}: io_uring, then epoll, then NIO) and the
 * number of event loops (0: one per core).
 */
public record TransportConfig(String type, Integer eventLoops) {

    public TransportConfig {
        type = type == null ? "auto" : type;
        eventLoops = eventLoops == null ? 0 : eventLoops;
    }

    public static TransportConfig defaults() {
        return new TransportConfig(null, null);
    }
}
