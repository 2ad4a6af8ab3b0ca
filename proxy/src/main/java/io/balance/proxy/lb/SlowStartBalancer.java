package io.balance.proxy.lb;

import io.balance.proxy.backend.Backend;
import io.netty.util.concurrent.FastThreadLocal;

/**
 * Wraps an algorithm with slow start: when the pick lands on a ramping backend that does not
 * keep it ({@link SlowStart#keeps}), the algorithm picks once more without that backend. If
 * nothing else is acceptable, the ramping backend serves after all. One extra pick at most,
 * no allocation (the excluding filter is reused per thread).
 */
final class SlowStartBalancer implements LoadBalancer {
    private static final FastThreadLocal<Excluding> EXCLUDING = new FastThreadLocal<>() {
        @Override
        protected Excluding initialValue() {
            return new Excluding();
        }
    };

    private final LoadBalancer algorithm;
    private final SlowStart slowStart;

    SlowStartBalancer(LoadBalancer algorithm, SlowStart slowStart) {
        this.algorithm = algorithm;
        this.slowStart = slowStart;
    }

    LoadBalancer algorithm() {
        return algorithm;
    }

    @Override
    public Backend choose(long hash, BackendFilter filter) {
        Backend chosen = algorithm.choose(hash, filter);
        if (chosen == null || slowStart.keeps(chosen)) {
            return chosen;
        }
        Excluding without = EXCLUDING.get();
        without.set(filter, chosen);
        try {
            Backend other = algorithm.choose(hash, without);
            return other != null ? other : chosen;
        } finally {
            without.set(null, null);
        }
    }

    /** The caller's filter minus one backend. */
    private static final class Excluding implements BackendFilter {
        private BackendFilter filter;
        private Backend excluded;

        void set(BackendFilter filter, Backend excluded) {
            this.filter = filter;
            this.excluded = excluded;
        }

        @Override
        public boolean accepts(Backend backend) {
            return backend != excluded && filter.accepts(backend);
        }
    }
}
