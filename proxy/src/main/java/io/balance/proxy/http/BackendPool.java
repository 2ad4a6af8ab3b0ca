package io.balance.proxy.http;

import io.balance.proxy.backend.Backend;
import io.netty.channel.Channel;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Idle keep-alive connections to backends, one pool per event loop so that no lock is ever
 * taken: a connection is only reused by the loop it lives on. Most recently used first, so
 * surplus connections age out through {@code http.idle_conn_timeout}. At most
 * {@code http.max_idle_conns_per_host} connections per backend are parked on each loop.
 */
public final class BackendPool {
    private static final FastThreadLocal<BackendPool> POOLS = new FastThreadLocal<>() {
        @Override
        protected BackendPool initialValue() {
            return new BackendPool();
        }
    };

    private final Map<Backend, ArrayDeque<Channel>> idle = new IdentityHashMap<>();

    /** The pool of the calling event loop. */
    public static BackendPool current() {
        return POOLS.get();
    }

    /** An open idle connection to the backend, or null. */
    public Channel poll(Backend backend) {
        ArrayDeque<Channel> channels = idle.get(backend);
        if (channels == null) {
            return null;
        }
        Channel channel;
        while ((channel = channels.pollFirst()) != null) {
            if (channel.isActive()) {
                return channel;
            }
        }
        return null;
    }

    /** Parks a connection; false (and the caller closes it) when the pool is full. */
    public boolean offer(Backend backend, Channel channel, int maxIdle) {
        ArrayDeque<Channel> channels = idle.computeIfAbsent(backend, b -> new ArrayDeque<>());
        if (channels.size() >= maxIdle || !channel.isActive()) {
            return false;
        }
        channels.offerFirst(channel);
        return true;
    }

    public void remove(Backend backend, Channel channel) {
        ArrayDeque<Channel> channels = idle.get(backend);
        if (channels != null) {
            channels.remove(channel);
            if (channels.isEmpty()) {
                idle.remove(backend);
            }
        }
    }

    /** Closes every idle connection to a backend that left the set. */
    public void closeAll(Backend backend) {
        ArrayDeque<Channel> channels = idle.remove(backend);
        if (channels != null) {
            channels.forEach(Channel::close);
        }
    }

    public int idleCount(Backend backend) {
        ArrayDeque<Channel> channels = idle.get(backend);
        return channels == null ? 0 : channels.size();
    }
}
