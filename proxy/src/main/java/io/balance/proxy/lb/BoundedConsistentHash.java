package io.balance.proxy.lb;

import io.balance.proxy.backend.Backend;
import java.util.List;

/**
 * Consistent hashing with bounded loads (Mirrokni, Thorup, Zadimoghaddam 2018): walk clockwise
 * past backends already at {@code ceil(loadFactor * (totalActive + 1) / n)}, where the total and
 * n count only the backends the filter accepts.
 */
final class BoundedConsistentHash implements LoadBalancer {
    private final Backend[] backends;
    private final HashRing ring;
    private final double loadFactor;

    BoundedConsistentHash(List<Backend> backends, int virtualNodes, double loadFactor) {
        this.backends = backends.toArray(new Backend[0]);
        this.ring = new HashRing(this.backends, virtualNodes);
        this.loadFactor = loadFactor;
    }

    @Override
    public Backend choose(long hash, BackendFilter filter) {
        int accepted = 0;
        long totalActive = 0;
        for (Backend backend : backends) {
            if (filter.accepts(backend)) {
                accepted++;
                totalActive += backend.activeRequests();
            }
        }
        if (accepted == 0) {
            return null;
        }
        long bound = bound(loadFactor, totalActive, accepted);
        int size = ring.size();
        int start = ring.start(hash);
        Backend firstAccepted = null;
        int lastSkipped = -1;
        for (int step = 0; step < size; step++) {
            int owner = ring.owner(start, step);
            if (owner == lastSkipped) {
                continue;
            }
            Backend backend = backends[owner];
            if (filter.accepts(backend)) {
                if (backend.activeRequests() < bound) {
                    return backend;
                }
                if (firstAccepted == null) {
                    firstAccepted = backend;
                }
            }
            lastSkipped = owner;
        }
        // Only reachable when other threads moved the counters during the walk.
        return firstAccepted;
    }

    static long bound(double loadFactor, long totalActive, int backends) {
        return (long) Math.ceil(loadFactor * (totalActive + 1) / backends);
    }
}
