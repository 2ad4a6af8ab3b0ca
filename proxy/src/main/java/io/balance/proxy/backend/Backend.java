package io.balance.proxy.backend;

import io.balance.api.config.BackendConfig;
import io.balance.api.config.HostPort;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One backend and its live counters. The same instance lives on across backend-set versions
 * while its address stays in the set, so counters, health and breaker state survive a push.
 */
public final class Backend {
    private final String name;
    private final HostPort address;
    private final InetSocketAddress socketAddress;
    private volatile int weight;
    private volatile int maxConnections;
    private final AtomicInteger activeRequests = new AtomicInteger();
    private final AtomicInteger openConnections = new AtomicInteger();
    private final BackendHealth health;

    public Backend(BackendConfig config, BackendHealth health) {
        this.name = config.name();
        this.address = HostPort.parse(config.address());
        this.socketAddress = socketAddressOf(address);
        this.weight = config.weight();
        this.maxConnections = config.maxConnections();
        this.health = health;
    }

    /** IP literals are used as they are; host names stay unresolved for Netty's DNS resolver. */
    private static InetSocketAddress socketAddressOf(HostPort address) {
        byte[] literal = NetUtil.createByteArrayFromIpAddressString(address.host());
        if (literal == null) {
            return InetSocketAddress.createUnresolved(address.host(), address.port());
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(literal), address.port());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("invalid address " + address, e);
        }
    }

    /** For tests and algorithms that need nothing but a name and a weight. */
    public static Backend of(String name, String address, int weight) {
        return new Backend(new BackendConfig(name, address, weight, 0), BackendHealth.alwaysHealthy());
    }

    public String name() {
        return name;
    }

    public HostPort address() {
        return address;
    }

    /** Resolved for IP literals; otherwise the connecting bootstrap resolves it with Netty's resolver. */
    public InetSocketAddress socketAddress() {
        return socketAddress;
    }

    public int weight() {
        return weight;
    }

    public int maxConnections() {
        return maxConnections;
    }

    /** Applies a new weight and connection cap from a pushed set without losing live state. */
    public void update(BackendConfig config) {
        this.weight = config.weight();
        this.maxConnections = config.maxConnections();
    }

    public BackendHealth health() {
        return health;
    }

    /** May this backend take a new request or connection right now? */
    public boolean available() {
        return health.available();
    }

    public int activeRequests() {
        return activeRequests.get();
    }

    public void requestStarted() {
        activeRequests.incrementAndGet();
    }

    public void requestFinished() {
        activeRequests.decrementAndGet();
    }

    public int openConnections() {
        return openConnections.get();
    }

    /** Reserves a connection slot; false when {@code max_connections} (0 = unlimited) is reached. */
    public boolean tryOpenConnection() {
        int cap = maxConnections;
        while (true) {
            int current = openConnections.get();
            if (cap > 0 && current >= cap) {
                return false;
            }
            if (openConnections.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    public void connectionClosed() {
        openConnections.decrementAndGet();
    }

    @Override
    public String toString() {
        return name + "(" + address + ")";
    }
}
