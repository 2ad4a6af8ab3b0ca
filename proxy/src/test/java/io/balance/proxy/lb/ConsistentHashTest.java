package io.balance.proxy.lb;

import static io.balance.proxy.lb.Fixtures.backend;
import static io.balance.proxy.lb.Fixtures.balancer;
import static io.balance.proxy.lb.Fixtures.countByName;
import static io.balance.proxy.lb.Fixtures.moved;
import static io.balance.proxy.lb.Fixtures.name;
import static io.balance.proxy.lb.Fixtures.numbered;
import static io.balance.proxy.lb.Fixtures.placement;
import static io.balance.proxy.lb.Fixtures.userKey;
import static org.assertj.core.api.Assertions.assertThat;

import io.balance.api.config.Algorithm;
import io.balance.proxy.backend.Backend;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsistentHashTest {
    private static final int KEYS = 10_000;

    @Test
    void sendsTheSameKeyToTheSameBackendWhateverTheListOrder() {
        List<Backend> list = numbered(5);
        List<Backend> reversed = new ArrayList<>(list);
        Collections.reverse(reversed);

        String[] first = placement(balancer(Algorithm.CONSISTENT_HASH, list), KEYS);
        String[] again = placement(balancer(Algorithm.CONSISTENT_HASH, list), KEYS);
        String[] otherOrder = placement(balancer(Algorithm.CONSISTENT_HASH, reversed), KEYS);

        assertThat(again).containsExactly(first);
        assertThat(otherOrder).containsExactly(first);
    }

    @Test
    void spreadsKeysEvenlyOverEqualBackends() {
        Map<String, Integer> counts = countByName(placement(balancer(Algorithm.CONSISTENT_HASH, numbered(5)), KEYS));

        assertThat(counts).hasSize(5);
        assertThat(counts.values()).allSatisfy(count -> assertThat(count).isBetween(1500, 2500));
    }

    @Test
    void givesAHeavierBackendAProportionalShare() {
        List<Backend> list = List.of(backend("big", 3), backend("small-1", 1), backend("small-2", 1));

        Map<String, Integer> counts = countByName(placement(balancer(Algorithm.CONSISTENT_HASH, list), KEYS));

        assertThat(counts.get("big")).isBetween(5000, 7000);
    }

    @Test
    void capsTheRingWhenWeightsAndVirtualNodesAreHuge() {
        Backend[] huge = {backend("x", 10_000), backend("y", 5_000), backend("z", 1)};

        HashRing ring = new HashRing(huge, 1_000);

        assertThat(ring.size()).isBetween(HashRing.MAX_POINTS - 3, HashRing.MAX_POINTS + 3);
        Map<String, Integer> counts = countByName(placement(new ConsistentHash(List.of(huge), 1_000), KEYS));
        assertThat(counts.get("x")).isBetween(6000, 7300);
        assertThat(counts.get("y")).isBetween(2700, 4000);
    }

    @Test
    void addingOneBackendMovesAboutOneNthOfTheKeys() {
        List<Backend> five = numbered(5);
        List<Backend> six = new ArrayList<>(five);
        six.add(backend("b5", 1));

        String[] before = placement(balancer(Algorithm.CONSISTENT_HASH, five), KEYS);
        String[] after = placement(balancer(Algorithm.CONSISTENT_HASH, six), KEYS);

        assertThat(moved(before, after)).isBetween(KEYS / 2 / 6, KEYS * 3 / 2 / 6);
        for (int i = 0; i < KEYS; i++) {
            assertThat(after[i]).isIn(before[i], "b5");
        }
    }

    @Test
    void removingOneBackendMovesOnlyItsKeys() {
        List<Backend> five = numbered(5);
        List<Backend> four = five.subList(0, 4);

        String[] before = placement(balancer(Algorithm.CONSISTENT_HASH, five), KEYS);
        String[] after = placement(balancer(Algorithm.CONSISTENT_HASH, four), KEYS);

        assertThat(moved(before, after)).isBetween(KEYS / 2 / 5, KEYS * 3 / 2 / 5);
        for (int i = 0; i < KEYS; i++) {
            if (!before[i].equals("b4")) {
                assertThat(after[i]).isEqualTo(before[i]);
            }
        }
    }

    @Test
    void walksClockwisePastRejectedBackendsAsIfTheyWereRemoved() {
        List<Backend> five = numbered(5);
        LoadBalancer balancer = balancer(Algorithm.CONSISTENT_HASH, five);
        BackendFilter notB4 = backend -> !backend.name().equals("b4");

        String[] withoutB4 = placement(balancer(Algorithm.CONSISTENT_HASH, five.subList(0, 4)), KEYS);
        for (int i = 0; i < KEYS; i++) {
            assertThat(name(balancer.choose(userKey(i), notB4))).isEqualTo(withoutB4[i]);
        }
    }
}
