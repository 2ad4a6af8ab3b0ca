package io.balance.proxy.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.balance.proxy.backend.Backend;
import io.balance.proxy.backend.BackendState;
import java.util.ArrayList;
import java.util.List;

/**
 * The meters of one backend. Request counters are created on first use per (method, code)
 * and cached in an array, so the hot path does one array read. {@link #remove()} takes every
 * meter of the backend out of the registry when the backend leaves the set.
 */
public final class BackendMeters {
    private final MeterRegistry registry;
    private final String backendName;
    private final RequestCounters requests;
    private final List<Meter> registered = new ArrayList<>();
    private final Counter retries;

    BackendMeters(MeterRegistry registry, Backend backend, CircuitStateSource breaker) {
        this.registry = registry;
        this.backendName = backend.name();
        this.requests = new RequestCounters(registry, backendName);
        Tags tags = Tags.of(MeterNames.TAG_BACKEND, backendName);
        registered.add(Gauge.builder(MeterNames.BACKEND_HEALTHY, backend, b -> b.health().state() == BackendState.HEALTHY ? 1 : 0)
                .tags(tags).description("1 when the backend takes traffic, 0 when unhealthy, ejected or draining")
                .register(registry));
        registered.add(Gauge.builder(MeterNames.BACKEND_ACTIVE_REQUESTS, backend, Backend::activeRequests)
                .tags(tags).description("Requests (HTTP) or connections (TCP) in flight to the backend")
                .register(registry));
        registered.add(Gauge.builder(MeterNames.CIRCUIT_BREAKER_STATE, backend, breaker::circuitState)
                .tags(tags).description("Circuit breaker state: 0 closed, 1 open, 2 half-open")
                .register(registry));
        registered.add(FunctionCounter.builder(MeterNames.BACKEND_EJECTIONS, backend, b -> b.health().ejections())
                .tags(tags).description("Times passive checks ejected the backend").register(registry));
        retries = Counter.builder(MeterNames.BACKEND_RETRIES).tags(tags)
                .description("Retries sent to this backend").register(registry);
        registered.add(retries);
    }

    public void request(int methodIndex, int code) {
        requests.increment(methodIndex, code);
    }

    public void retried() {
        retries.increment();
    }

    public void remove() {
        for (Meter meter : registered) {
            registry.remove(meter);
        }
        requests.remove();
    }

    /** Reads a backend's breaker state for the gauge without tying metrics to the breaker class. */
    @FunctionalInterface
    public interface CircuitStateSource {
        double circuitState(Backend backend);
    }
}
