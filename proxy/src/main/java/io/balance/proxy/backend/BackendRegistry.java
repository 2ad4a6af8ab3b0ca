package io.balance.proxy.backend;

import io.balance.api.config.BackendConfig;
import io.balance.api.config.LoadBalancerConfig;
import io.balance.proxy.lb.LoadBalancer;
import io.balance.proxy.lb.LoadBalancers;
import io.balance.proxy.lb.SlowStart;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the backend set in force and swaps it atomically. A backend that stays in the set
 * keeps its {@link Backend} instance (counters, health, breaker); a removed one is drained:
 * requests already on it finish, new ones go elsewhere. A backend added to a running set starts
 * slowly ({@link SlowStart}); the first set (at start, or the first push) does not: all its
 * backends start together.
 */
public final class BackendRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(BackendRegistry.class);

    private final AtomicReference<BackendSet> current;
    private final Function<BackendConfig, BackendHealth> healthFactory;
    private final SlowStart slowStart;
    private final List<BackendListener> listeners = new CopyOnWriteArrayList<>();
    private final Set<Backend> leaving = ConcurrentHashMap.newKeySet(); // removed, with requests still on them
    private LoadBalancerConfig loadBalancerConfig;
    private boolean pushed;

    public BackendRegistry(LoadBalancerConfig loadBalancerConfig, Function<BackendConfig, BackendHealth> healthFactory,
            SlowStart slowStart) {
        this.loadBalancerConfig = loadBalancerConfig;
        this.healthFactory = healthFactory;
        this.slowStart = slowStart;
        slowStart.configure(loadBalancerConfig);
        this.current = new AtomicReference<>(new BackendSet(0, List.of(), List.of(), balancer(List.of())));
    }

    public SlowStart slowStart() {
        return slowStart;
    }

    public void addListener(BackendListener listener) {
        listeners.add(listener);
    }

    /** The set in force; read it once per request. */
    public BackendSet current() {
        return current.get();
    }

    /** Backends removed from the set that still have requests on them (state draining). */
    public List<Backend> leaving() {
        forgetFinishedLeavers();
        return List.copyOf(leaving);
    }

    private void forgetFinishedLeavers() {
        leaving.removeIf(backend -> backend.activeRequests() == 0);
    }

    /** True once a set arrived over the admin API: file reloads no longer replace it. */
    public synchronized boolean pushed() {
        return pushed;
    }

    /** The backends from the config file (version 0), unless a set was already pushed. */
    public synchronized void applyFromFile(List<BackendConfig> configs) {
        if (!pushed) {
            swap(0, configs);
        }
    }

    /** Replaces the whole set with a pushed version. */
    public synchronized ApplyResult applyPushed(long version, List<BackendConfig> configs) {
        BackendSet now = current.get();
        if (pushed && version < now.version()) {
            return ApplyResult.conflict("version " + version + " is older than the applied version " + now.version());
        }
        if (pushed && version == now.version()) {
            return now.configs().equals(configs) ? ApplyResult.unchanged(version)
                    : ApplyResult.conflict("version " + version + " is already applied with different backends; send a higher version");
        }
        pushed = true;
        swap(version, configs);
        return ApplyResult.applied(version);
    }

    /** Rebuilds the balancer for a new algorithm without touching the backends. */
    public synchronized void reconfigure(LoadBalancerConfig config) {
        if (!config.equals(loadBalancerConfig)) {
            loadBalancerConfig = config;
            slowStart.configure(config);
            BackendSet now = current.get();
            current.set(new BackendSet(now.version(), now.configs(), now.backends(), balancer(now.backends())));
        }
    }

    /** Marks every backend draining, for shutdown. */
    public void drainAll() {
        current.get().backends().forEach(b -> b.health().drain());
    }

    private void swap(long version, List<BackendConfig> configs) {
        BackendSet old = current.get();
        if (old.configs().equals(configs) && !old.backends().isEmpty()) {
            // same backends under a new version: keep the balancer (and its rotation) as it is
            current.set(new BackendSet(version, configs, old.backends(), old.balancer()));
            return;
        }
        Map<String, Backend> kept = new HashMap<>();
        for (Backend backend : old.backends()) {
            kept.put(key(backend.name(), backend.address().toString()), backend);
        }
        List<Backend> next = new ArrayList<>(configs.size());
        List<Backend> added = new ArrayList<>();
        for (BackendConfig config : configs) {
            Backend existing = kept.remove(key(config.name(), config.address()));
            if (existing != null) {
                existing.update(config);
                next.add(existing);
            } else {
                Backend fresh = new Backend(config, healthFactory.apply(config));
                next.add(fresh);
                added.add(fresh);
            }
        }
        if (!old.backends().isEmpty()) {
            for (Backend backend : added) {
                slowStart.begin(backend, next, "added to the backend set");
            }
        }
        current.set(new BackendSet(version, configs, next, balancer(next)));
        for (Backend backend : added) {
            listeners.forEach(l -> l.added(backend));
        }
        forgetFinishedLeavers();
        for (Backend gone : kept.values()) {
            gone.health().drain();
            if (gone.activeRequests() > 0) {
                leaving.add(gone);
            }
            listeners.forEach(l -> l.removed(gone));
        }
        if (!added.isEmpty() || !kept.isEmpty()) {
            LOG.info("backend set version {}: {} backends ({} added, {} removed)", version, next.size(), added.size(), kept.size());
        }
    }

    private LoadBalancer balancer(List<Backend> backends) {
        return LoadBalancers.create(loadBalancerConfig, backends, slowStart);
    }

    private static String key(String name, String address) {
        return name + '\u0000' + io.balance.api.config.HostPort.parse(address);
    }
}
