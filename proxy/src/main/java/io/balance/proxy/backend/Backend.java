package io.balance.proxy.backend;

import io.balance.api.config.BackendConfig;
import io.balance.api.config.HostPort;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

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
    private final AtomicInteger pendingConnects = new AtomicInteger();
    /** {@link System#nanoTime()} when this backend's slow start ends; 0 when it is not ramping. */
    private final AtomicLong slowStartUntil = new AtomicLong();
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

    /** When the slow start ends ({@link System#nanoTime()} scale), or 0 when the backend takes its full share. */
    public long slowStartUntil() {
        return slowStartUntil.get();
    }

    /** Starts (or restarts) a slow start that ends at {@code untilNanos}; see {@code lb.SlowStart}. */
    public void beginSlowStart(long untilNanos) {
        slowStartUntil.set(untilNanos == 0 ? 1 : untilNanos);
    }

    /** Ends the slow start that was to end at {@code untilNanos}, unless a newer one began since. */
    public void endSlowStart(long untilNanos) {
        slowStartUntil.compareAndSet(untilNanos, 0);
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

    /** Starts a request unless {@code limit} (resilience.limits.max_requests) are in flight already. */
    public boolean tryStartRequest(int limit) {
        return reserve(activeRequests, limit);
    }

    public int pendingConnects() {
        return pendingConnects.get();
    }

    /**
     * Counts a request that waits for a new connection, unless {@code limit}
     * (resilience.limits.max_pending_requests) are waiting already.
     */
    public boolean tryStartConnect(int limit) {
        return reserve(pendingConnects, limit);
    }

    /** The connect of a waiting request finished, either way. */
    public void connectFinished() {
        pendingConnects.decrementAndGet();
    }

    public int openConnections() {
        return openConnections.get();
    }

    /** Reserves a connection slot; false when {@code max_connections} (0 = unlimited) is reached. */
    public boolean tryOpenConnection() {
        return tryOpenConnection(0);
    }

    /**
     * Reserves a connection slot under the lower of the backend's {@code max_connections} and
     * {@code limit} (resilience.limits.max_connections); 0 means no cap from that side.
     */
    public boolean tryOpenConnection(int limit) {
        int own = maxConnections;
        int cap = own <= 0 ? limit : limit <= 0 ? own : Math.min(own, limit);
        return reserve(openConnections, cap);
    }

    /** Increments {@code counter} unless it reached {@code cap} (0 or less = unlimited). */
    private static boolean reserve(AtomicInteger counter, int cap) {
        while (true) {
            int current = counter.get();
            if (cap > 0 && current >= cap) {
                return false;
            }
            if (counter.compareAndSet(current, current + 1)) {
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
