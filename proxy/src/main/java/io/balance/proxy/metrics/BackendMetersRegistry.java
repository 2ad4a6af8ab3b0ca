package io.balance.proxy.metrics;

import io.balance.proxy.backend.Backend;
import io.balance.proxy.backend.BackendListener;
import java.util.concurrent.ConcurrentHashMap;

/** Creates a backend's meters when it joins the set and removes them when it leaves. */
public final class BackendMetersRegistry implements BackendListener {
    private final ProxyMetrics metrics;
    private final BackendMeters.CircuitStateSource breakers;
    private final ConcurrentHashMap<Backend, BackendMeters> meters = new ConcurrentHashMap<>();

    public BackendMetersRegistry(ProxyMetrics metrics, BackendMeters.CircuitStateSource breakers) {
        this.metrics = metrics;
        this.breakers = breakers;
    }

    @Override
    public void added(Backend backend) {
        meters.computeIfAbsent(backend, b -> metrics.forBackend(b, breakers));
    }

    @Override
    public void removed(Backend backend) {
        BackendMeters gone = meters.remove(backend);
        if (gone != null) {
            gone.remove();
        }
    }

    public void request(Backend backend, int methodIndex, int code) {
        BackendMeters m = meters.get(backend);
        if (m != null) {
            m.request(methodIndex, code);
        }
    }

    public void retried(Backend backend) {
        BackendMeters m = meters.get(backend);
        if (m != null) {
            m.retried();
        }
    }
}
