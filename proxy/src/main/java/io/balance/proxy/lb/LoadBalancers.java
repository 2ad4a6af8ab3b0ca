package io.balance.proxy.lb;

import io.balance.api.config.LoadBalancerConfig;
import io.balance.proxy.backend.Backend;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Temporary round-robin until the algorithm package lands. */
public final class LoadBalancers {
    private LoadBalancers() {
    }

    public static LoadBalancer create(LoadBalancerConfig config, List<Backend> backends) {
        Backend[] all = backends.toArray(new Backend[0]);
        AtomicLong next = new AtomicLong();
        return (hash, filter) -> {
            int n = all.length;
            long start = next.getAndIncrement();
            for (int i = 0; i < n; i++) {
                Backend b = all[(int) ((start + i) % n)];
                if (filter.accepts(b)) {
                    return b;
                }
            }
            return null;
        };
    }
}
