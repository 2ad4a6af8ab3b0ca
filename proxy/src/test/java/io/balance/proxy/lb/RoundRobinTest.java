package io.balance.proxy.lb;

import static io.balance.proxy.lb.Fixtures.backends;
import static io.balance.proxy.lb.Fixtures.balancer;
import static io.balance.proxy.lb.Fixtures.name;
import static io.balance.proxy.lb.Fixtures.picks;
import static org.assertj.core.api.Assertions.assertThat;

import io.balance.api.config.Algorithm;
import io.balance.proxy.backend.Backend;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoundRobinTest {

    @Test
    void rotatesThroughBackendsInListOrder() {
        LoadBalancer balancer = balancer(Algorithm.ROUND_ROBIN, backends("a", "b", "c"));

        assertThat(picks(balancer, 7)).containsExactly("a", "b", "c", "a", "b", "c", "a");
    }

    @Test
    void skipsRejectedBackendsWithoutBreakingTheRotation() {
        List<Backend> list = backends("a", "b", "c", "d");
        LoadBalancer balancer = balancer(Algorithm.ROUND_ROBIN, list);
        BackendFilter notC = backend -> !backend.name().equals("c");

        List<String> names = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            names.add(name(balancer.choose(0, notC)));
        }

        assertThat(names).containsExactly("a", "b", "d", "d", "a", "b", "d", "d");
    }
}
