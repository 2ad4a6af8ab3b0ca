package io.balance.proxy.lb;

import io.balance.proxy.backend.Backend;

/**
 * Picks a backend for one request (HTTP) or connection (TCP). An instance is built for one
 * backend list and replaced when the list changes; it must be safe to call from every event
 * loop at once and must not allocate on the hot path.
 */
public interface LoadBalancer {

    /**
     * Picks among the backends that {@code filter} accepts.
     *
     * @param hash the request's hash key (source IP or header value, see {@link HashKeys});
     *             ignored by algorithms that don't hash
     * @return the chosen backend, or null when the filter accepts none
     */
    Backend choose(long hash, BackendFilter filter);
}
