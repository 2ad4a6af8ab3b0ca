package io.balance.proxy.lb;

import io.balance.proxy.backend.Backend;
import java.util.List;

/**
 * The key modulo the total weight picks a backend (each owns a run of slots as wide as its
 * weight); when the filter rejects it, the next accepted backend in list order takes over.
 * Weights are read when the balancer is built.
 */
final class IpHash implements LoadBalancer {
    private final Backend[] backends;
    /** {@code slotEnds[i]} is the exclusive end of backend i's slots. */
    private final long[] slotEnds;

    IpHash(List<Backend> backends) {
        this.backends = backends.toArray(new Backend[0]);
        this.slotEnds = new long[this.backends.length];
        long end = 0;
        for (int i = 0; i < slotEnds.length; i++) {
            end += Math.max(1, this.backends[i].weight());
            slotEnds[i] = end;
        }
    }

    @Override
    public Backend choose(long hash, BackendFilter filter) {
        int n = backends.length;
        if (n == 0) {
            return null;
        }
        int start = owner(Long.remainderUnsigned(hash, slotEnds[n - 1]));
        for (int step = 0; step < n; step++) {
            int index = start + step;
            Backend backend = backends[index >= n ? index - n : index];
            if (filter.accepts(backend)) {
                return backend;
            }
        }
        return null;
    }

    private int owner(long slot) {
        int low = 0;
        int high = slotEnds.length - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (slotEnds[mid] <= slot) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
