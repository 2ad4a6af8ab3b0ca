package io.balance.proxy.lb;

import static io.balance.proxy.lb.Fixtures.balancer;
import static io.balance.proxy.lb.Fixtures.numbered;
import static io.balance.proxy.lb.Fixtures.placement;
import static io.balance.proxy.lb.Fixtures.userKey;
import static org.assertj.core.api.Assertions.assertThat;

import io.balance.api.config.Algorithm;
import io.balance.api.config.LoadBalancerConfig;
import io.balance.proxy.backend.Backend;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BoundedConsistentHashTest {
    private static final double LOAD_FACTOR = 1.25;

    @Test
    void placesKeysLikePlainConsistentHashingWhenIdle() {
        List<Backend> list = numbered(5);

        String[] bounded = placement(balancer(Algorithm.BOUNDED_CONSISTENT_HASH, list), 10_000);
        String[] plain = placement(balancer(Algorithm.CONSISTENT_HASH, list), 10_000);

        assertThat(bounded).containsExactly(plain);
    }

    @Test
    void neverLetsABackendExceedTheBoundUnderSkewedLoad() {
        List<Backend> list = numbered(5);
        LoadBalancer balancer = LoadBalancers.create(
                new LoadBalancerConfig(Algorithm.BOUNDED_CONSISTENT_HASH, null, null, LOAD_FACTOR), list);
        Random random = new Random(42);
        List<Backend> inFlight = new ArrayList<>();

        for (int step = 0; step < 20_000; step++) {
            if (!inFlight.isEmpty() && random.nextInt(100) < 45) {
                inFlight.remove(random.nextInt(inFlight.size())).requestFinished();
                continue;
            }
            int key = random.nextInt(100) < 80 ? random.nextInt(3) : random.nextInt(1000);
            long bound = (long) Math.ceil(LOAD_FACTOR * (inFlight.size() + 1) / list.size());

            Backend chosen = balancer.choose(userKey(key), BackendFilter.ANY);

            assertThat(chosen.activeRequests()).isLessThan((int) bound);
            chosen.requestStarted();
            inFlight.add(chosen);
        }
        assertThat(inFlight.size()).isGreaterThan(100);
    }

    @Test
    void spillsAHotKeyOntoOtherBackends() {
        List<Backend> list = numbered(5);
        LoadBalancer balancer = balancer(Algorithm.BOUNDED_CONSISTENT_HASH, list);
        Backend home = balancer.choose(userKey(7), BackendFilter.ANY);

        for (int i = 0; i < 100; i++) {
            balancer.choose(userKey(7), BackendFilter.ANY).requestStarted();
        }

        assertThat(home.activeRequests()).isEqualTo(25);
        assertThat(list).allSatisfy(backend -> assertThat(backend.activeRequests()).isLessThanOrEqualTo(25));
        assertThat(list).filteredOn(backend -> backend.activeRequests() > 0).hasSizeGreaterThanOrEqualTo(4);
    }
}
