package io.balance.proxy.lb;

import static io.balance.proxy.lb.Fixtures.backend;
import static io.balance.proxy.lb.Fixtures.balancer;
import static io.balance.proxy.lb.Fixtures.picks;
import static io.balance.proxy.lb.LeastConnectionsTest.load;
import static org.assertj.core.api.Assertions.assertThat;

import io.balance.api.config.Algorithm;
import io.balance.proxy.backend.Backend;
import java.util.List;
import org.junit.jupiter.api.Test;

class WeightedLeastConnectionsTest {

    @Test
    void picksTheLowestLoadPerUnitOfWeight() {
        Backend heavy = backend("heavy", 4);
        Backend light = backend("light", 1);
        load(heavy, 6);
        load(light, 1);
        LoadBalancer balancer = balancer(Algorithm.WEIGHTED_LEAST_CONNECTIONS, List.of(light, heavy));

        assertThat(picks(balancer, 4)).containsOnly("heavy");
    }

    @Test
    void sendsTheFirstRequestToTheHeaviestIdleBackend() {
        LoadBalancer balancer = balancer(Algorithm.WEIGHTED_LEAST_CONNECTIONS,
                List.of(backend("a", 1), backend("b", 3), backend("c", 2)));

        assertThat(picks(balancer, 3)).containsOnly("b");
    }

    @Test
    void spreadsPilingRequestsInProportionToWeights() {
        List<Backend> list = List.of(backend("a", 3), backend("b", 1), backend("c", 6));
        LoadBalancer balancer = balancer(Algorithm.WEIGHTED_LEAST_CONNECTIONS, list);

        for (int i = 0; i < 1000; i++) {
            balancer.choose(0, BackendFilter.ANY).requestStarted();
        }

        assertThat(list.get(0).activeRequests()).isBetween(299, 301);
        assertThat(list.get(1).activeRequests()).isBetween(99, 101);
        assertThat(list.get(2).activeRequests()).isBetween(599, 601);
    }
}
