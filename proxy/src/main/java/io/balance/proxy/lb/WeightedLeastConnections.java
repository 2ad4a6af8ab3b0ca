package io.balance.proxy.lb;

import io.balance.proxy.backend.Backend;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The accepted backend with the lowest {@code (activeRequests + 1) / weight}, as HAProxy's
 * leastconn: counting the request being placed lets weights decide among idle backends too.
 * Ratios are compared by cross-multiplication; ties rotate like {@link LeastConnections}.
 * Weights are read when the balancer is built.
 */
final class WeightedLeastConnections implements LoadBalancer {
    private final Backend[] backends;
    private final int[] weights;
    private final AtomicInteger offset = new AtomicInteger();

    WeightedLeastConnections(List<Backend> backends) {
        this.backends = backends.toArray(new Backend[0]);
        this.weights = new int[this.backends.length];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = Math.max(1, this.backends[i].weight());
        }
    }

    @Override
    public Backend choose(long hash, BackendFilter filter) {
        int n = backends.length;
        if (n == 0) {
            return null;
        }
        int start = Math.floorMod(offset.getAndIncrement(), n);
        int best = -1;
        long bestLoad = 0;
        for (int step = 0; step < n; step++) {
            int index = start + step;
            if (index >= n) {
                index -= n;
            }
            if (!filter.accepts(backends[index])) {
                continue;
            }
            long load = backends[index].activeRequests() + 1L;
            if (best < 0 || load * weights[best] < bestLoad * weights[index]) {
                best = index;
                bestLoad = load;
            }
        }
        return best < 0 ? null : backends[best];
    }
}
