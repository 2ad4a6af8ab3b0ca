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
        return algorithm(config, List.copyOf(backends));
    }

    /**
     * As {@link #create(LoadBalancerConfig, List)}, with slow start around the algorithms that
     * ramp when {@code slow_start_window} is set. Hashing algorithms never ramp: a ramp would
     * move keys off their backend and back (the validator warns).
     */
    public static LoadBalancer create(LoadBalancerConfig config, List<Backend> backends, SlowStart slowStart) {
        LoadBalancer algorithm = algorithm(config, List.copyOf(backends));
        return SlowStart.ramps(config) ? new SlowStartBalancer(algorithm, slowStart) : algorithm;
    }

    private static LoadBalancer algorithm(LoadBalancerConfig config, List<Backend> snapshot) {
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
