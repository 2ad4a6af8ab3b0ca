package io.balance.proxy.lb;

import io.balance.api.config.LoadBalancerConfig;
import io.balance.proxy.backend.Backend;
import java.util.List;

/** Builds the balancer that {@code load_balancer.algorithm} names, for one backend list. */
public final class LoadBalancers {

    private LoadBalancers() {
    }

    /**
     * Builds a balancer over a snapshot of {@code backends}. Weights are read now, so build a
     * new balancer whenever the backend set (or a weight in it) changes.
     */
    public static LoadBalancer create(LoadBalancerConfig config, List<Backend> backends) {
        List<Backend> snapshot = List.copyOf(backends);
        return switch (config.algorithm()) {
            case ROUND_ROBIN -> new RoundRobin(snapshot);
            case WEIGHTED_ROUND_ROBIN -> new SmoothWeightedRoundRobin(snapshot);
            case LEAST_CONNECTIONS -> new LeastConnections(snapshot);
            case WEIGHTED_LEAST_CONNECTIONS -> new WeightedLeastConnections(snapshot);
            case RANDOM -> new PowerOfTwoChoices(snapshot);
            case CONSISTENT_HASH -> new ConsistentHash(snapshot, config.virtualNodes());
            case BOUNDED_CONSISTENT_HASH -> new BoundedConsistentHash(snapshot, config.virtualNodes(), config.loadFactor());
            case IP_HASH -> new IpHash(snapshot);
        };
    }
}
