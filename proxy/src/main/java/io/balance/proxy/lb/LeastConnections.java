package io.balance.proxy.lb;

import io.balance.proxy.backend.Backend;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** The accepted backend with the fewest active requests; the scan starts at a rotating offset so ties rotate. */
final class LeastConnections implements LoadBalancer {
    private final Backend[] backends;
    private final AtomicInteger offset = new AtomicInteger();

    LeastConnections(List<Backend> backends) {
        this.backends = backends.toArray(new Backend[0]);
    }

    @Override
    public Backend choose(long hash, BackendFilter filter) {
        int n = backends.length;
        if (n == 0) {
            return null;
        }
        int start = Math.floorMod(offset.getAndIncrement(), n);
        Backend best = null;
        int bestActive = Integer.MAX_VALUE;
        for (int step = 0; step < n; step++) {
            int index = start + step;
            Backend backend = backends[index >= n ? index - n : index];
            if (!filter.accepts(backend)) {
                continue;
            }
            int active = backend.activeRequests();
            if (best == null || active < bestActive) {
                best = backend;
                bestActive = active;
            }
        }
        return best;
    }
}
