package io.balance.proxy.lb;

import static io.balance.proxy.lb.Fixtures.backend;
import static io.balance.proxy.lb.Fixtures.balancer;
import static io.balance.proxy.lb.Fixtures.name;
import static io.balance.proxy.lb.Fixtures.numbered;
import static org.assertj.core.api.Assertions.assertThat;

import io.balance.api.config.Algorithm;
import io.balance.proxy.backend.Backend;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class IpHashTest {

    @Test
    void keepsEachClientOnOneBackend() {
        LoadBalancer balancer = balancer(Algorithm.IP_HASH, numbered(4));

        for (int client = 0; client < 1000; client++) {
            long key = clientKey(client);
            String first = name(balancer.choose(key, BackendFilter.ANY));
            for (int repeat = 0; repeat < 5; repeat++) {
                assertThat(name(balancer.choose(key, BackendFilter.ANY))).isEqualTo(first);
            }
        }
    }

    @Test
    void spreadsClientsInProportionToWeights() {
        LoadBalancer balancer = balancer(Algorithm.IP_HASH, List.of(backend("a", 1), backend("b", 3)));

        Map<String, Integer> counts = new TreeMap<>();
        for (int client = 0; client < 10_000; client++) {
            counts.merge(name(balancer.choose(clientKey(client), BackendFilter.ANY)), 1, Integer::sum);
        }

        assertThat(counts.get("a")).isBetween(2200, 2800);
        assertThat(counts.get("b")).isBetween(7200, 7800);
    }

    @Test
    void fallsBackToTheNextAcceptedBackendInListOrder() {
        List<Backend> list = numbered(4);
        LoadBalancer balancer = balancer(Algorithm.IP_HASH, list);

        for (int client = 0; client < 1000; client++) {
            long key = clientKey(client);
            Backend usual = balancer.choose(key, BackendFilter.ANY);
            Backend next = list.get((list.indexOf(usual) + 1) % list.size());

            assertThat(balancer.choose(key, backend -> backend != usual)).isSameAs(next);
        }
    }

    private static long clientKey(int client) {
        return HashKeys.ofIpv4(0x0a000000 | client);
    }
}
