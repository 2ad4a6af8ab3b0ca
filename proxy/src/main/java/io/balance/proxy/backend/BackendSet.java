package io.balance.proxy.backend;

import io.balance.api.config.BackendConfig;
import io.balance.proxy.lb.LoadBalancer;
import java.util.List;

/**
 * One immutable version of the backend list with the balancer built for it. Requests read the
 * set once and keep it, so a replacement never changes the ground under a request in flight.
 */
public record BackendSet(long version, List<BackendConfig> configs, List<Backend> backends, LoadBalancer balancer) {

    public BackendSet {
        configs = List.copyOf(configs);
        backends = List.copyOf(backends);
    }

    public boolean isEmpty() {
        return backends.isEmpty();
    }
}
