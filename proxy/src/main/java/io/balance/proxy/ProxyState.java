package io.balance.proxy;

import io.balance.proxy.backend.BackendRegistry;
import io.balance.proxy.metrics.BackendMetersRegistry;
import io.balance.proxy.metrics.ProxyMetrics;
import io.balance.proxy.resilience.Resilience;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The live state every handler reads: the settings snapshot (swapped whole on reload), the
 * backend registry, the meters, and whether the proxy is draining.
 */
public final class ProxyState {
    private final AtomicReference<TrafficSettings> settings;
    private final BackendRegistry registry;
    private final ProxyMetrics metrics;
    private final BackendMetersRegistry backendMeters;
    private final Resilience resilience;
    private volatile boolean draining;

    public ProxyState(TrafficSettings settings, BackendRegistry registry, ProxyMetrics metrics,
            BackendMetersRegistry backendMeters, Resilience resilience) {
        this.settings = new AtomicReference<>(settings);
        this.registry = registry;
        this.metrics = metrics;
        this.backendMeters = backendMeters;
        this.resilience = resilience;
    }

    /** Panic policy and retry budget (proxy-wide). */
    public Resilience resilience() {
        return resilience;
    }

    public BackendMetersRegistry backendMeters() {
        return backendMeters;
    }

    public TrafficSettings settings() {
        return settings.get();
    }

    public void settings(TrafficSettings next) {
        settings.set(next);
    }

    public BackendRegistry registry() {
        return registry;
    }

    public ProxyMetrics metrics() {
        return metrics;
    }

    public boolean draining() {
        return draining;
    }

    public void startDraining() {
        draining = true;
    }
}
