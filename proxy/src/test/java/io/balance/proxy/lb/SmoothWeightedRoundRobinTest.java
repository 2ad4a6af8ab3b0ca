package io.balance.proxy.lb;

import static io.balance.proxy.lb.Fixtures.backend;
import static io.balance.proxy.lb.Fixtures.balancer;
import static io.balance.proxy.lb.Fixtures.name;
import static io.balance.proxy.lb.Fixtures.picks;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.balance.api.config.Algorithm;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SmoothWeightedRoundRobinTest {

    @Test
    void interleavesPicksLikeNginxInsteadOfSendingBlocks() {
        LoadBalancer balancer = balancer(Algorithm.WEIGHTED_ROUND_ROBIN,
                List.of(backend("a", 5), backend("b", 1), backend("c", 1)));

        assertThat(picks(balancer, 14)).containsExactly(
                "a", "a", "b", "a", "c", "a", "a",
                "a", "a", "b", "a", "c", "a", "a");
    }

    @Test
    void givesEachBackendExactlyItsWeightPerCycle() {
        LoadBalancer balancer = balancer(Algorithm.WEIGHTED_ROUND_ROBIN,
                List.of(backend("a", 4), backend("b", 3), backend("c", 2), backend("d", 1)));

        Map<String, Integer> counts = new TreeMap<>();
        for (String name : picks(balancer, 10 * 50)) {
            counts.merge(name, 1, Integer::sum);
        }

        assertThat(counts).containsOnly(entry("a", 200), entry("b", 150), entry("c", 100), entry("d", 50));
    }

    @Test
    void sharesARejectedBackendsTurnsByWeight() {
        LoadBalancer balancer = balancer(Algorithm.WEIGHTED_ROUND_ROBIN,
                List.of(backend("a", 2), backend("b", 1), backend("c", 5)));
        BackendFilter notC = backend -> !backend.name().equals("c");

        Map<String, Integer> counts = new TreeMap<>();
        for (int i = 0; i < 300; i++) {
            counts.merge(name(balancer.choose(0, notC)), 1, Integer::sum);
        }

        assertThat(counts).containsOnly(entry("a", 200), entry("b", 100));
    }
}
