package io.balance.proxy.resilience;

import io.balance.api.config.BackendConfig;
import io.balance.api.config.ProxyConfig;
import io.balance.proxy.backend.Backend;
import io.balance.proxy.backend.BackendConnector;
import io.balance.proxy.backend.BackendHealth;
import io.balance.proxy.backend.BackendListener;
import io.balance.proxy.health.EjectionPool;
import io.balance.proxy.health.HealthCheckers;
import io.balance.proxy.lb.SlowStart;
import io.netty.channel.EventLoopGroup;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Builds each backend's health view ({@link BackendResilience}) and runs what keeps it
 * current: active probes start when a backend joins the set and stop when it leaves; the
 * ejection pool tracks the members; a reload swaps the settings every view reads. A backend
 * that becomes eligible again (healthy, back from ejection, breaker closed) starts slowly.
 */
public final class HealthFactory implements BackendListener, AutoCloseable {
    private final LongSupplier clock = System::nanoTime;
    private final EjectionPool pool = new EjectionPool();
    private final HealthCheckers checkers;
    private final SlowStart slowStart;
    private final Map<Backend, BackendResilience> members = new ConcurrentHashMap<>();
    private volatile ResilienceSettings settings;

    public HealthFactory(ProxyConfig config, EventLoopGroup group, BackendConnector connector, SlowStart slowStart) {
        this.settings = ResilienceSettings.of(config);
        this.slowStart = slowStart;
        this.checkers = new HealthCheckers(group, connector, this::settings);
    }

    public ResilienceSettings settings() {
        return settings;
    }

    public BackendHealth create(BackendConfig backend) {
        return new BackendResilience(backend.name(), this::settings, pool, clock);
    }

    /** What {@code balance_circuit_breaker_state} reads: 0 closed, 1 open, 2 half-open. */
    public double circuitState(Backend backend) {
        return backend.health().circuitState();
    }

    public synchronized void reconfigure(ProxyConfig next) {
        ResilienceSettings before = settings;
        settings = ResilienceSettings.of(next);
        boolean probing = settings.active().enabled();
        members.forEach((backend, health) -> {
            health.reconfigure(settings);
            if (probing && !checkers.running(backend)) {
                checkers.start(backend, health.active());
            } else if (!probing) {
                checkers.stop(backend);
            }
        });
        if (before.passive().enabled() && !settings.passive().enabled()) {
            pool.clearAll();
        }
    }

    @Override
    public synchronized void added(Backend backend) {
        if (backend.health() instanceof BackendResilience health) {
            members.put(backend, health);
            health.onRecovery(() -> slowStart.begin(backend, members.keySet(), "eligible again"));
            pool.add(health.outlier());
            if (settings.active().enabled()) {
                checkers.start(backend, health.active());
            }
        }
    }

    @Override
    public synchronized void removed(Backend backend) {
        BackendResilience health = members.remove(backend);
        if (health != null) {
            checkers.stop(backend);
            pool.remove(health.outlier());
        }
    }

    @Override
    public void close() {
        checkers.close();
    }
}
