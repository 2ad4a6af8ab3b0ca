package io.balance.proxy.lb;

import static io.balance.proxy.lb.Fixtures.backends;
import static io.balance.proxy.lb.Fixtures.balancer;
import static io.balance.proxy.lb.Fixtures.numbered;
import static io.balance.proxy.lb.Fixtures.picks;
import static io.balance.proxy.lb.LeastConnectionsTest.load;
import static org.assertj.core.api.Assertions.assertThat;

import io.balance.api.config.Algorithm;
import io.balance.proxy.backend.Backend;
import java.util.Collections;
import java.util.IntSummaryStatistics;
import java.util.List;
import org.junit.jupiter.api.Test;

class PowerOfTwoChoicesTest {

    @Test
    void spreadsRoughlyEvenlyOverIdleBackends() {
        LoadBalancer balancer = balancer(Algorithm.RANDOM, backends("a", "b", "c", "d", "e"));

        List<String> names = picks(balancer, 10_000);

        for (String name : List.of("a", "b", "c", "d", "e")) {
            assertThat(Collections.frequency(names, name)).isBetween(1700, 2300);
        }
    }

    @Test
    void neverPicksTheMostLoadedOfThree() {
        List<Backend> list = backends("busy", "b", "c");
        load(list.get(0), 50);
        LoadBalancer balancer = balancer(Algorithm.RANDOM, list);

        assertThat(picks(balancer, 3000)).doesNotContain("busy").contains("b", "c");
    }

    @Test
    void keepsLoadsCloseAsRequestsPileUp() {
        List<Backend> list = numbered(10);
        LoadBalancer balancer = balancer(Algorithm.RANDOM, list);

        for (int i = 0; i < 10_000; i++) {
            balancer.choose(0, BackendFilter.ANY).requestStarted();
        }

        IntSummaryStatistics loads = list.stream().mapToInt(Backend::activeRequests).summaryStatistics();
        assertThat(loads.getMax() - loads.getMin()).isLessThanOrEqualTo(10);
    }
}
