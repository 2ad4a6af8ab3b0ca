package io.balance.operator.endpoints;

import io.balance.operator.admin.BackendEntry;
import io.balance.operator.admin.PodEndpoint;
import io.balance.operator.admin.ProxyAdminClient;
import io.balance.operator.admin.ProxyStatus;
import io.balance.operator.admin.PushResult;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes each BalanceProxy's endpoint set to every one of its running pods and tracks what each
 * pod acknowledged.
 *
 * <p>{@link #sync} is called by the reconciler with the set it computed and the pods it sees; it
 * returns at once (pushes run on the admin client's asynchronous calls, retries on a small
 * scheduler), so reconcile threads never wait on a pod. A change of the set gets a new version
 * ({@link Versions}); a pod gets the current version when it is new (new UID or IP: a restarted
 * pod), when it has not acknowledged it yet, and when its {@code GET /status}, polled
 * periodically, reports an older version than it acknowledged (it lost the set). Failed pushes are
 * retried with exponential backoff while the pod exists. Every change of what the status shows
 * (an acknowledgement, a failure) is told to the listener, which triggers a reconcile.
 *
 * <p>An empty set never replaces a non-empty one at once: the old set stays until the Service has
 * had no endpoints for the grace period, so a flapping watch cannot black-hole traffic.
 */
public final class EndpointSync implements AutoCloseable {
    public static final String LAG_TIMER = "balance.operator.endpoint.sync.lag";
    private static final Logger LOG = LoggerFactory.getLogger(EndpointSync.class);

    private final ProxyAdminClient client;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final EndpointSyncSettings settings;
    private final Timer lag;
    private final Map<ResourceID, ProxyState> proxies = new ConcurrentHashMap<>();
    private volatile Consumer<ResourceID> listener = id -> { };
    private volatile java.util.function.Predicate<ResourceID> stillThere = id -> true;
    private ScheduledFuture<?> poller;

    public EndpointSync(ProxyAdminClient client, Clock clock, ScheduledExecutorService scheduler,
            EndpointSyncSettings settings, MeterRegistry registry) {
        this.client = client;
        this.clock = clock;
        this.scheduler = scheduler;
        this.settings = settings;
        this.lag = Timer.builder(LAG_TIMER)
                .description("Time from an endpoint change being seen to the last pod acknowledging it")
                .publishPercentileHistogram()
                .register(registry);
    }

    /** Told the proxy whose sync state changed (an acknowledgement, a failure, a resend), to reconcile it. */
    public void onChange(Consumer<ResourceID> listener) {
        this.listener = listener;
    }

    /** Which proxies still exist: the others are forgotten at the next poll. */
    public void retainWhile(java.util.function.Predicate<ResourceID> exists) {
        this.stillThere = exists;
    }

    /** Starts polling every pod's {@code GET /status} at the configured interval. */
    public EndpointSync startPolling() {
        long millis = settings.pollInterval().toMillis();
        poller = scheduler.scheduleWithFixedDelay(this::pollAll, millis, millis, TimeUnit.MILLISECONDS);
        return this;
    }

    /**
     * Brings one proxy's pods towards {@code desired}. {@code lastKnown} is the set and version
     * kept in the ConfigMap (used once, when this operator first sees the proxy: to keep its
     * version when the set is unchanged, and to apply the empty-set grace after a restart).
     * A null token (the Secret is not there yet) pushes nothing.
     */
    public SyncSnapshot sync(ResourceID id, List<BackendEntry> desired, List<BackendEntry> lastKnown, long lastKnownVersion,
            List<ProxyPod> pods, String token) {
        ProxyState state = proxies.computeIfAbsent(id, k -> new ProxyState(id, lastKnown, lastKnownVersion));
        synchronized (state) {
            state.token = token;
            publish(state, List.copyOf(desired));
            track(state, pods);
            pushWhereNeeded(state);
            return state.snapshot();
        }
    }

    /** Drops everything about a proxy that is gone. */
    public void forget(ResourceID id) {
        ProxyState state = proxies.remove(id);
        if (state != null) {
            synchronized (state) {
                state.pods.values().forEach(PodState::cancelRetry);
            }
        }
    }

    /** The proxies this sync holds state for. */
    public Set<ResourceID> known() {
        return Set.copyOf(proxies.keySet());
    }

    private void publish(ProxyState state, List<BackendEntry> desired) {
        Instant now = clock.instant();
        List<BackendEntry> next = desired;
        state.emptyGraceLeft = null;
        if (desired.isEmpty() && !state.published.isEmpty()) {
            if (state.emptySince == null) {
                state.emptySince = now;
            }
            Duration elapsed = Duration.between(state.emptySince, now);
            if (elapsed.compareTo(settings.emptyGrace()) < 0) {
                state.emptyGraceLeft = settings.emptyGrace().minus(elapsed);
                next = state.published; // hold the last non-empty set for now
            }
        } else {
            state.emptySince = null;
        }
        if (state.version == 0 || !next.equals(state.published)) {
            state.published = next;
            state.version = Versions.next(state.version, state.highestReported, clock);
            state.changeSeenAt = now;
            state.lagRecorded = false;
        }
    }

    private void track(ProxyState state, List<ProxyPod> pods) {
        Map<String, PodState> next = new HashMap<>();
        for (ProxyPod pod : pods) {
            String key = pod.endpoint().uid() + "@" + pod.endpoint().ip();
            PodState known = state.pods.remove(key);
            PodState podState = known != null ? known : new PodState(pod.endpoint());
            podState.ready = pod.ready();
            next.put(key, podState);
        }
        state.pods.values().forEach(PodState::cancelRetry); // pods that went away (or restarted under a new UID/IP)
        state.pods.clear();
        state.pods.putAll(next);
        recordLagIfDone(state);
    }

    private void pushWhereNeeded(ProxyState state) {
        for (PodState pod : state.pods.values()) {
            if (pod.acked == state.version || pod.inFlight == state.version) {
                continue;
            }
            if (pod.retry != null && pod.retryFor != state.version) {
                pod.cancelRetry(); // a newer set than the one being retried: send it now
            }
            if (pod.retry == null) {
                push(state, pod);
            }
        }
    }

    private void push(ProxyState state, PodState pod) {
        if (state.token == null) {
            return;
        }
        long version = state.version;
        pod.inFlight = version;
        pod.attempts++;
        java.util.concurrent.CompletionStage<PushResult> sent;
        try {
            sent = client.pushBackends(pod.endpoint, state.token, version, state.published);
        } catch (RuntimeException e) {
            sent = java.util.concurrent.CompletableFuture.completedFuture(PushResult.failed(0, String.valueOf(e.getMessage())));
        }
        sent.whenComplete((result, error) -> onPushed(state, pod, version,
                error != null ? PushResult.failed(0, String.valueOf(error.getMessage())) : result));
    }

    private void onPushed(ProxyState state, PodState pod, long version, PushResult result) {
        boolean changed;
        synchronized (state) {
            if (state.pods.get(pod.key()) != pod || pod.inFlight != version) {
                return; // the pod went away, or a newer push superseded this one
            }
            pod.inFlight = 0;
            switch (result.outcome()) {
                case ACKNOWLEDGED -> {
                    changed = pod.acked != version || pod.error != null;
                    pod.acked = version;
                    pod.attempts = 0;
                    pod.error = null;
                    recordLagIfDone(state);
                }
                case CONFLICT -> {
                    changed = pod.error == null;
                    pod.error = "version " + version + " refused: " + result.message();
                    checkVersionOf(state, pod);
                }
                default -> {
                    changed = pod.error == null;
                    pod.error = result.message();
                    scheduleRetry(state, pod);
                }
            }
        }
        if (changed) {
            listener.accept(state.id);
        }
    }

    private void scheduleRetry(ProxyState state, PodState pod) {
        Duration delay = settings.backoff(pod.attempts);
        pod.retryFor = state.version;
        LOG.debug("push to {} failed ({}); retry in {} ms", pod.endpoint, pod.error, delay.toMillis());
        pod.retry = scheduler.schedule(() -> {
            synchronized (state) {
                pod.retry = null;
                if (state.pods.get(pod.key()) == pod && pod.acked != state.version && pod.inFlight != state.version) {
                    push(state, pod);
                }
            }
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A 409: the pod holds a newer version (or this one with another body): go past what it reports. */
    private void checkVersionOf(ProxyState state, PodState pod) {
        client.status(pod.endpoint).whenComplete((status, error) -> {
            synchronized (state) {
                if (status != null) {
                    state.highestReported = Math.max(state.highestReported, status.backendsVersion());
                }
                if (state.highestReported >= state.version) {
                    state.version = Versions.next(state.version, state.highestReported, clock);
                    state.changeSeenAt = clock.instant();
                    state.lagRecorded = false;
                    pushWhereNeeded(state);
                } else if (state.pods.get(pod.key()) == pod) {
                    scheduleRetry(state, pod);
                }
            }
        });
    }

    /** Asks every known pod for its versions; a pod that lost the set it acknowledged gets it again. */
    public void pollAll() {
        for (ResourceID id : known()) {
            if (!stillThere.test(id)) {
                forget(id);
            }
        }
        for (ProxyState state : proxies.values()) {
            List<PodState> pods;
            synchronized (state) {
                pods = new ArrayList<>(state.pods.values());
            }
            for (PodState pod : pods) {
                client.status(pod.endpoint).whenComplete((status, error) -> {
                    if (status != null) {
                        onStatus(state, pod, status);
                    }
                });
            }
        }
    }

    private void onStatus(ProxyState state, PodState pod, ProxyStatus status) {
        boolean changed = false;
        synchronized (state) {
            if (state.pods.get(pod.key()) != pod) {
                return;
            }
            state.highestReported = Math.max(state.highestReported, status.backendsVersion());
            if (pod.acked != 0 && status.backendsVersion() < pod.acked) {
                LOG.info("{} reports endpoints version {} below the acknowledged {}: sending the set again",
                        pod.endpoint, status.backendsVersion(), pod.acked);
                pod.acked = 0;
                changed = true;
                if (pod.inFlight != state.version && pod.retry == null) {
                    push(state, pod);
                }
            }
        }
        if (changed) {
            listener.accept(state.id);
        }
    }

    private void recordLagIfDone(ProxyState state) {
        if (state.lagRecorded || state.changeSeenAt == null || state.pods.isEmpty()) {
            return;
        }
        if (state.pods.values().stream().allMatch(p -> p.acked == state.version)) {
            lag.record(Duration.between(state.changeSeenAt, clock.instant()));
            state.lagRecorded = true;
        }
    }

    @Override
    public void close() {
        if (poller != null) {
            poller.cancel(false);
        }
    }

    private static final class ProxyState {
        final ResourceID id;
        final Map<String, PodState> pods = new HashMap<>();
        List<BackendEntry> published;
        long version;
        long highestReported;
        String token;
        Instant emptySince;
        Duration emptyGraceLeft;
        Instant changeSeenAt;
        boolean lagRecorded;

        ProxyState(ResourceID id, List<BackendEntry> lastKnown, long lastKnownVersion) {
            this.id = id;
            this.published = lastKnown == null ? List.of() : List.copyOf(lastKnown);
            this.version = lastKnown == null ? 0 : lastKnownVersion;
        }

        SyncSnapshot snapshot() {
            int ready = 0;
            int programmed = 0;
            List<String> failures = new ArrayList<>();
            for (PodState pod : pods.values()) {
                if (pod.ready) {
                    ready++;
                    if (pod.acked == version) {
                        programmed++;
                    }
                }
                if (pod.error != null && pod.acked != version) {
                    failures.add(pod.endpoint.podName() + ": " + pod.error);
                }
            }
            if (token == null && !pods.isEmpty()) {
                failures.add("the admin token Secret is not readable yet");
            }
            failures.sort(null);
            return new SyncSnapshot(published, version, programmed, ready, failures, emptyGraceLeft);
        }
    }

    private static final class PodState {
        final PodEndpoint endpoint;
        boolean ready;
        long acked;
        long inFlight;
        int attempts;
        String error;
        ScheduledFuture<?> retry;
        long retryFor;

        PodState(PodEndpoint endpoint) {
            this.endpoint = endpoint;
        }

        String key() {
            return endpoint.uid() + "@" + endpoint.ip();
        }

        void cancelRetry() {
            if (retry != null) {
                retry.cancel(false);
                retry = null;
            }
        }
    }
}
