package io.balance.proxy.lb;

import io.balance.api.config.Algorithm;
import io.balance.api.config.LoadBalancerConfig;
import io.balance.proxy.backend.Backend;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

final class Fixtures {
    private Fixtures() {
    }

    static Backend backend(String name, int weight) {
        return Backend.of(name, name + ".backends.test:8080", weight);
    }

    static List<Backend> backends(String... names) {
        List<Backend> list = new ArrayList<>();
        for (String name : names) {
            list.add(backend(name, 1));
        }
        return list;
    }

    static List<Backend> numbered(int count) {
        List<Backend> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(backend("b" + i, 1));
        }
        return list;
    }

    static LoadBalancer balancer(Algorithm algorithm, List<Backend> backends) {
        return LoadBalancers.create(new LoadBalancerConfig(algorithm, null, null, null), backends);
    }

    static String name(Backend backend) {
        return backend == null ? null : backend.name();
    }

    /** Names of {@code count} picks in a row, each with a hash key of 0. */
    static List<String> picks(LoadBalancer balancer, int count) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add(name(balancer.choose(0, BackendFilter.ANY)));
        }
        return names;
    }

    static long userKey(int i) {
        return HashKeys.ofHeader("user-" + i);
    }

    /** Which backend each of {@code keys} user keys lands on. */
    static String[] placement(LoadBalancer balancer, int keys) {
        String[] placed = new String[keys];
        for (int i = 0; i < keys; i++) {
            placed[i] = name(balancer.choose(userKey(i), BackendFilter.ANY));
        }
        return placed;
    }

    static Map<String, Integer> countByName(String[] names) {
        Map<String, Integer> counts = new TreeMap<>();
        for (String name : names) {
            counts.merge(name, 1, Integer::sum);
        }
        return counts;
    }

    static int moved(String[] before, String[] after) {
        int moved = 0;
        for (int i = 0; i < before.length; i++) {
            if (!before[i].equals(after[i])) {
                moved++;
            }
        }
        return moved;
    }
}
