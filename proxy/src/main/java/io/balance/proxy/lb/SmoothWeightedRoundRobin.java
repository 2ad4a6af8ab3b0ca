package io.balance.proxy.lb;

import io.balance.proxy.backend.Backend;
import java.util.List;

/**
 * nginx's smooth weighted round robin: every accepted backend gains its weight, the leader is
 * picked and pays back the total. Weights 5,1,1 give a a b a c a a, not a a a a a b c.
 * Weights are read when the balancer is built.
 */
final class SmoothWeightedRoundRobin implements LoadBalancer {
    private final Backend[] backends;
    private final int[] weights;
    private final int[] current;

    SmoothWeightedRoundRobin(List<Backend> backends) {
        this.backends = backends.toArray(new Backend[0]);
        this.weights = new int[this.backends.length];
        this.current = new int[this.backends.length];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = Math.max(1, this.backends[i].weight());
        }
    }

    @Override
    public Backend choose(long hash, BackendFilter filter) {
        synchronized (current) {
            int best = -1;
            int total = 0;
            for (int i = 0; i < backends.length; i++) {
                if (!filter.accepts(backends[i])) {
                    continue;
                }
                current[i] += weights[i];
                total += weights[i];
                if (best < 0 || current[i] > current[best]) {
                    best = i;
                }
            }
            if (best < 0) {
                return null;
            }
            current[best] -= total;
            return backends[best];
        }
    }
}
