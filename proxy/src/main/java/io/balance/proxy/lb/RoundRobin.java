package io.balance.proxy.lb;

import io.balance.proxy.backend.Backend;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Each pick takes the next backend in list order, skipping those the filter rejects. */
final class RoundRobin implements LoadBalancer {
    private final Backend[] backends;
    private final AtomicLong next = new AtomicLong();

    RoundRobin(List<Backend> backends) {
        this.backends = backends.toArray(new Backend[0]);
    }

    @Override
    public Backend choose(long hash, BackendFilter filter) {
        int n = backends.length;
        if (n == 0) {
            return null;
        }
        int start = (int) Long.remainderUnsigned(next.getAndIncrement(), n);
        for (int step = 0; step < n; step++) {
            int index = start + step;
            Backend backend = backends[index >= n ? index - n : index];
            if (filter.accepts(backend)) {
                return backend;
            }
        }
        return null;
    }
}
