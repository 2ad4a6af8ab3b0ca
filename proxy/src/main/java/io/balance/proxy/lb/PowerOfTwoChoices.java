package io.balance.proxy.lb;

import io.balance.proxy.backend.Backend;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The {@code random} algorithm: two distinct random backends, the one with fewer active
 * requests wins. A rejected pick is replaced by the next accepted backend after it.
 */
final class PowerOfTwoChoices implements LoadBalancer {
    private final Backend[] backends;

    PowerOfTwoChoices(List<Backend> backends) {
        this.backends = backends.toArray(new Backend[0]);
    }

    @Override
    public Backend choose(long hash, BackendFilter filter) {
        int n = backends.length;
        if (n == 0) {
            return null;
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int first = acceptedFrom(random.nextInt(n), -1, filter);
        if (first < 0) {
            return null;
        }
        if (n == 1) {
            return backends[first];
        }
        int secondStart = random.nextInt(n - 1);
        if (secondStart >= first) {
            secondStart++;
        }
        int second = acceptedFrom(secondStart, first, filter);
        if (second < 0) {
            return backends[first];
        }
        return backends[second].activeRequests() < backends[first].activeRequests() ? backends[second] : backends[first];
    }

    private int acceptedFrom(int start, int excluded, BackendFilter filter) {
        int n = backends.length;
        for (int step = 0; step < n; step++) {
            int index = start + step;
            if (index >= n) {
                index -= n;
            }
            if (index != excluded && filter.accepts(backends[index])) {
                return index;
            }
        }
        return -1;
    }
}
