package io.balance.proxy.lb;

import io.balance.proxy.backend.Backend;
import java.util.List;

/** Consistent hashing: the first backend clockwise from the key's point on the ring that the filter accepts. */
final class ConsistentHash implements LoadBalancer {
    private final Backend[] backends;
    private final HashRing ring;

    ConsistentHash(List<Backend> backends, int virtualNodes) {
        this.backends = backends.toArray(new Backend[0]);
        this.ring = new HashRing(this.backends, virtualNodes);
    }

    @Override
    public Backend choose(long hash, BackendFilter filter) {
        int size = ring.size();
        if (size == 0) {
            return null;
        }
        int start = ring.start(hash);
        int lastRejected = -1;
        for (int step = 0; step < size; step++) {
            int owner = ring.owner(start, step);
            if (owner == lastRejected) {
                continue;
            }
            Backend backend = backends[owner];
            if (filter.accepts(backend)) {
                return backend;
            }
            lastRejected = owner;
        }
        return null;
    }
}
