package io.balance.proxy.lb;

import static io.balance.proxy.lb.Fixtures.backends;
import static io.balance.proxy.lb.Fixtures.balancer;
import static io.balance.proxy.lb.Fixtures.picks;
import static org.assertj.core.api.Assertions.assertThat;

import io.balance.api.config.Algorithm;
import io.balance.proxy.backend.Backend;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeastConnectionsTest {

    @Test
    void picksTheLeastLoadedBackend() {
        List<Backend> list = backends("a", "b", "c");
        load(list.get(0), 3);
        load(list.get(1), 1);
        load(list.get(2), 2);
        LoadBalancer balancer = balancer(Algorithm.LEAST_CONNECTIONS, list);

        assertThat(picks(balancer, 5)).containsOnly("b");
    }

    @Test
    void rotatesAmongEquallyLoadedBackends() {
        LoadBalancer balancer = balancer(Algorithm.LEAST_CONNECTIONS, backends("a", "b", "c"));

        List<String> names = picks(balancer, 30);

        assertThat(Collections.frequency(names, "a")).isEqualTo(10);
        assertThat(Collections.frequency(names, "b")).isEqualTo(10);
        assertThat(Collections.frequency(names, "c")).isEqualTo(10);
    }

    @Test
    void keepsLoadsLevelAsRequestsPileUp() {
        List<Backend> list = backends("a", "b", "c", "d");
        load(list.get(0), 7);
        LoadBalancer balancer = balancer(Algorithm.LEAST_CONNECTIONS, list);

        for (int i = 0; i < 33; i++) {
            balancer.choose(0, BackendFilter.ANY).requestStarted();
        }

        assertThat(list).extracting(Backend::activeRequests).containsExactly(10, 10, 10, 10);
    }

    static void load(Backend backend, int requests) {
        for (int i = 0; i < requests; i++) {
            backend.requestStarted();
        }
    }
}
