package io.balance.proxy.health;

import io.balance.proxy.backend.Backend;
import io.balance.proxy.backend.BackendConnector;
import io.balance.proxy.resilience.ResilienceSettings;
import io.netty.channel.EventLoopGroup;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The active probers of the backends in the set: one per backend while
 * {@code health_check.enabled} is true, each pinned to one event loop of the traffic group.
 */
public final class HealthCheckers implements AutoCloseable {
    private final EventLoopGroup group;
    private final Probes probes;
    private final Supplier<ResilienceSettings> settings;
    private final Map<Backend, HealthProber> probers = new ConcurrentHashMap<>();

    public HealthCheckers(EventLoopGroup group, BackendConnector connector, Supplier<ResilienceSettings> settings) {
        this.group = group;
        this.probes = new Probes(connector);
        this.settings = settings;
    }

    public void start(Backend backend, ActiveHealth verdict) {
        HealthProber prober = new HealthProber(backend, verdict, group.next(), probes, settings);
        HealthProber old = probers.put(backend, prober);
        if (old != null) {
            old.stop();
        }
        prober.start();
    }

    public void stop(Backend backend) {
        HealthProber prober = probers.remove(backend);
        if (prober != null) {
            prober.stop();
        }
    }

    public boolean running(Backend backend) {
        return probers.containsKey(backend);
    }

    @Override
    public void close() {
        probers.keySet().forEach(this::stop);
    }
}
