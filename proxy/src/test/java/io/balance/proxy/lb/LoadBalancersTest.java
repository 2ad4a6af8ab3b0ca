package io.balance.proxy.lb;

import static io.balance.proxy.lb.Fixtures.backends;
import static io.balance.proxy.lb.Fixtures.balancer;
import static io.balance.proxy.lb.Fixtures.userKey;
import static org.assertj.core.api.Assertions.assertThat;

import io.balance.api.config.Algorithm;
import io.balance.api.config.LoadBalancerConfig;
import io.balance.proxy.backend.Backend;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What every algorithm promises, whatever its distribution. */
class LoadBalancersTest {
    private static final Map<Algorithm, Class<?>> IMPLEMENTATIONS = Map.of(
            Algorithm.ROUND_ROBIN, RoundRobin.class,
            Algorithm.WEIGHTED_ROUND_ROBIN, SmoothWeightedRoundRobin.class,
            Algorithm.LEAST_CONNECTIONS, LeastConnections.class,
            Algorithm.WEIGHTED_LEAST_CONNECTIONS, WeightedLeastConnections.class,
            Algorithm.RANDOM, PowerOfTwoChoices.class,
            Algorithm.CONSISTENT_HASH, ConsistentHash.class,
            Algorithm.BOUNDED_CONSISTENT_HASH, BoundedConsistentHash.class,
            Algorithm.IP_HASH, IpHash.class);

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void buildsTheAlgorithmTheConfigNames(Algorithm algorithm) {
        assertThat(balancer(algorithm, backends("a"))).isInstanceOf(IMPLEMENTATIONS.get(algorithm));
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void skipsBackendsTheFilterRejects(Algorithm algorithm) {
        LoadBalancer balancer = balancer(algorithm, backends("a", "b", "c", "d"));
        BackendFilter notBOrC = backend -> !backend.name().equals("b") && !backend.name().equals("c");

        for (int i = 0; i < 1000; i++) {
            assertThat(balancer.choose(userKey(i), notBOrC)).extracting(Backend::name).isIn("a", "d");
        }
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void skipsDrainedBackendsWithTheAvailableFilter(Algorithm algorithm) {
        List<Backend> list = backends("a", "b", "c");
        list.get(1).health().drain();
        LoadBalancer balancer = balancer(algorithm, list);

        for (int i = 0; i < 1000; i++) {
            assertThat(balancer.choose(userKey(i), BackendFilter.AVAILABLE)).extracting(Backend::name).isIn("a", "c");
        }
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void returnsNullWhenTheFilterAcceptsNone(Algorithm algorithm) {
        LoadBalancer balancer = balancer(algorithm, backends("a", "b", "c"));

        for (int i = 0; i < 100; i++) {
            assertThat(balancer.choose(userKey(i), backend -> false)).isNull();
        }
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void alwaysPicksTheOnlyBackend(Algorithm algorithm) {
        List<Backend> list = backends("only");
        LoadBalancer balancer = balancer(algorithm, list);

        for (int i = 0; i < 100; i++) {
            assertThat(balancer.choose(userKey(i), BackendFilter.ANY)).isSameAs(list.get(0));
        }
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void returnsNullForAnEmptyList(Algorithm algorithm) {
        LoadBalancer balancer = balancer(algorithm, List.of());

        assertThat(balancer.choose(userKey(1), BackendFilter.ANY)).isNull();
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void ignoresLaterChangesToTheListItWasBuiltFrom(Algorithm algorithm) {
        List<Backend> list = backends("a", "b");
        LoadBalancer balancer = LoadBalancers.create(new LoadBalancerConfig(algorithm, null, null, null), list);
        list.clear();

        assertThat(balancer.choose(userKey(1), BackendFilter.ANY)).isNotNull();
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void choosesWithoutAllocating(Algorithm algorithm) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        LoadBalancer balancer = balancer(algorithm, backends("a", "b", "c", "d", "e"));
        BackendFilter notC = backend -> !backend.name().equals("c");
        chooseMany(balancer, notC, 50_000);

        long before = threads.getCurrentThreadAllocatedBytes();
        chooseMany(balancer, notC, 50_000);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(allocated).isLessThan(1024);
    }

    private static void chooseMany(LoadBalancer balancer, BackendFilter filter, int count) {
        for (int i = 0; i < count; i++) {
            if (balancer.choose(HashKeys.ofIpv4(i), filter) == null) {
                throw new AssertionError("no backend chosen");
            }
        }
    }
}
