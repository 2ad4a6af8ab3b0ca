package io.balance.operator.endpoints;

import io.balance.operator.admin.BackendEntry;
import io.balance.operator.admin.ProxyAdminClient;
import io.balance.operator.admin.ProxyStatus;
import io.balance.operator.admin.PushResult;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes each BalanceProxy's endpoint set to every one of its running pods and tracks what each
 * pod acknowledged.
 *
 * <p>Two callers bring a proxy's pods up to date, both through {@link #refresh}, which reads the set
 * and the pods ({@link SyncInputs}, the informer caches) while holding the proxy's lock, so the later
 * refresh always sees the newer cache and versions never go backwards:
 * <ul>
 * <li>the reconciler ({@link #sync}), which also hands over the admin token and, the first time, the
 *     set kept in the ConfigMap, and builds the status from the snapshot returned;</li>
 * <li>the fast path ({@link #changed}): EndpointSlice and proxy Pod events, straight from the
 *     informers, without waiting in the reconcile queue. Events for one proxy that arrive before its
 *     refresh runs are coalesced into that one refresh, on this sync's own thread.</li>
 * </ul>
 * Nothing here waits on a pod: pushes are the admin client's asynchronous calls. A pod has at most
 * one push in flight; a newer set waits for it and is sent next (only the latest). A change of the set
 * gets a new version ({@link Versions}); a pod gets the current version when it is new (new UID or
 * IP), when it has not acknowledged it yet, when its proxy container restarted (restart count or
 * started flag changed), when its readiness flips, and when its {@code GET /status}, polled
 * periodically, reports an older version than it acknowledged. Failed pushes are retried with
 * exponential backoff while the pod exists (at most a second apart until the process first
 * acknowledges: a starting proxy's admin port opens any moment). Every change of what the status shows (an
 * acknowledgement, a failure) is told to the listener, which triggers a reconcile.
 *
 * <p>An empty set never replaces a non-empty one at once: the old set stays until the Service has
 * had no endpoints for the grace period, so a flapping watch cannot black-hole traffic.
 */
public final class EndpointSync implements AutoCloseable {
    public static final String LAG_TIMER = "balance.operator.endpoint.sync.lag";
    private static final Logger LOG = LoggerFactory.getLogger(EndpointSync.class);
    /** Retries to a pod whose proxy process has acknowledged nothing yet are at most this far apart. */
    static final Duration STARTING_POD_MAX_BACKOFF = Duration.ofSeconds(1);

    private final ProxyAdminClient client;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final EndpointSyncSettings settings;
    private final Timer lag;
    private final Map<ResourceID, ProxySyncState> proxies = new ConcurrentHashMap<>();
    private final Set<ResourceID> queued = ConcurrentHashMap.newKeySet();
    private volatile SyncInputs inputs = SyncInputs.NONE;
    private volatile Consumer<ResourceID> listener = id -> { };
    private volatile Predicate<ResourceID> stillThere = id -> true;
    private ScheduledFuture<?> poller;

    /** @param scheduler this sync's own thread: fast-path refreshes, retries and status polls (none of them blocks) */
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

    /** Where the set and the pods are read from. */
    public void readFrom(SyncInputs inputs) {
        this.inputs = inputs;
    }

    /** Told the proxy whose sync state changed (an acknowledgement, a failure, a resend), to reconcile it. */
    public void onChange(Consumer<ResourceID> listener) {
        this.listener = listener;
    }

    /** Which proxies still exist: the others are forgotten at the next poll. */
    public void retainWhile(Predicate<ResourceID> exists) {
        this.stillThere = exists;
    }

    /** Starts polling every pod's {@code GET /status} at the configured interval. */
    public EndpointSync startPolling() {
        long millis = settings.pollInterval().toMillis();
        poller = scheduler.scheduleWithFixedDelay(this::pollAll, millis, millis, TimeUnit.MILLISECONDS);
        return this;
    }

    /**
     * The reconciler's call: brings one proxy's pods towards what {@link SyncInputs} observes now.
     * {@code lastKnown} is the set and version kept in the ConfigMap (used once, when this operator
     * first sees the proxy: to keep its version when the set is unchanged, and to apply the empty-set
     * grace after a restart). A null token (the Secret is not there yet) pushes nothing. Null when the
     * set cannot be known (no EndpointSlices are watched).
     */
    public SyncSnapshot sync(ResourceID id, List<BackendEntry> lastKnown, long lastKnownVersion, String token) {
        if (!proxies.containsKey(id) && inputs.observe(id).isEmpty()) {
            return null;
        }
        ProxySyncState state = proxies.computeIfAbsent(id, k -> new ProxySyncState(id, lastKnown, lastKnownVersion));
        synchronized (state) {
            state.token = token;
            // read under the lock: of two refreshes, the later one sees the newer cache
            Optional<SyncInputs.Observed> now = inputs.observe(id);
            if (now.isEmpty()) {
                return null;
            }
            refresh(state, now.get());
            return state.snapshot();
        }
    }

    /**
     * The fast path: an EndpointSlice or Pod of this proxy changed. Refreshes on this sync's thread;
     * a proxy the reconciler has not synced yet is left to its first reconcile (it brings the token
     * and the ConfigMap's set).
     */
    public void changed(ResourceID id) {
        if (!proxies.containsKey(id) || !queued.add(id)) {
            return; // unknown yet, or a refresh is queued and will read the caches after this event
        }
        try {
            scheduler.execute(() -> {
                queued.remove(id);
                ProxySyncState state = proxies.get(id);
                if (state != null) {
                    synchronized (state) {
                        inputs.observe(id).ifPresent(now -> refresh(state, now));
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            queued.remove(id); // shutting down
        }
    }

    /** Drops everything about a proxy that is gone. */
    public void forget(ResourceID id) {
        ProxySyncState state = proxies.remove(id);
        if (state != null) {
            synchronized (state) {
                state.pods.values().forEach(PodSyncState::cancelRetry);
            }
        }
    }

    /** The proxies this sync holds state for. */
    public Set<ResourceID> known() {
        return Set.copyOf(proxies.keySet());
    }

    private void refresh(ProxySyncState state, SyncInputs.Observed now) {
        state.publish(now.desired(), settings.emptyGrace(), clock);
        track(state, now.pods());
        state.pods.values().forEach(pod -> pushIfNeeded(state, pod));
    }

    private void track(ProxySyncState state, List<ProxyPod> pods) {
        Map<String, PodSyncState> next = new HashMap<>();
        for (ProxyPod pod : pods) {
            PodSyncState known = state.pods.remove(PodSyncState.key(pod));
            if (known == null) {
                known = new PodSyncState(pod);
            } else if (pod.restartedSince(known.observed)) {
                LOG.info("{}: proxy container restarted (restarts {}, started {}): sending the set again",
                        pod.endpoint(), pod.restartCount(), pod.started());
                known.restarted();
            } else if (pod.ready() != known.observed.ready()) {
                known.resend = true;
            }
            known.observed = pod;
            next.put(PodSyncState.key(pod), known);
        }
        state.pods.values().forEach(PodSyncState::cancelRetry); // pods that went away (or came back under a new UID/IP)
        state.pods.clear();
        state.pods.putAll(next);
        recordLagIfDone(state);
    }

    /** Sends the current set unless the pod has it, a push is in flight (the set goes when it returns) or a retry for it waits. */
    private void pushIfNeeded(ProxySyncState state, PodSyncState pod) {
        if (!pod.needs(state.version) || pod.inFlight != 0) {
            return;
        }
        if (pod.retry != null) {
            if (pod.retryFor == state.version && !pod.resend) {
                return;
            }
            pod.cancelRetry(); // a newer set than the one being retried: send it now
        }
        push(state, pod);
    }

    private void push(ProxySyncState state, PodSyncState pod) {
        if (state.token == null) {
            return;
        }
        long version = state.version;
        Object ticket = new Object();
        pod.inFlight = version;
        pod.ticket = ticket;
        pod.resend = false;
        pod.attempts++;
        CompletionStage<PushResult> sent;
        try {
            sent = client.pushBackends(pod.observed.endpoint(), state.token, version, state.published);
        } catch (RuntimeException e) {
            sent = CompletableFuture.completedFuture(PushResult.failed(0, String.valueOf(e.getMessage())));
        }
        sent.whenComplete((result, error) -> onPushed(state, pod, ticket, version,
                error != null ? PushResult.failed(0, String.valueOf(error.getMessage())) : result));
    }

    private void onPushed(ProxySyncState state, PodSyncState pod, Object ticket, long version, PushResult result) {
        boolean changed;
        synchronized (state) {
            if (state.pods.get(pod.key()) != pod || pod.ticket != ticket) {
                return; // the pod went away, or its process restarted after this push was sent
            }
            pod.inFlight = 0;
            pod.ticket = null;
            switch (result.outcome()) {
                case ACKNOWLEDGED -> {
                    changed = pod.acked != version || pod.error != null;
                    pod.acked = version;
                    pod.attempts = 0;
                    pod.error = null;
                    recordLagIfDone(state);
                    pushIfNeeded(state, pod); // a newer set that came while this one was in flight
                }
                case CONFLICT -> {
                    changed = pod.error == null;
                    pod.error = "version " + version + " refused: " + result.message();
                    checkVersionOf(state, pod);
                }
                default -> {
                    changed = pod.error == null;
                    pod.error = result.message();
                    if (version == state.version && !pod.resend) {
                        scheduleRetry(state, pod);
                    } else {
                        pushIfNeeded(state, pod);
                    }
                }
            }
        }
        if (changed) {
            listener.accept(state.id);
        }
    }

    private void scheduleRetry(ProxySyncState state, PodSyncState pod) {
        Duration delay = settings.backoff(pod.attempts);
        if (pod.acked == 0 && delay.compareTo(STARTING_POD_MAX_BACKOFF) > 0) {
            delay = STARTING_POD_MAX_BACKOFF; // a starting proxy: its admin port opens any moment, and it is not Ready until programmed
        }
        pod.retryFor = state.version;
        LOG.debug("push to {} failed ({}); retry in {} ms", pod.observed.endpoint(), pod.error, delay.toMillis());
        pod.retry = scheduler.schedule(() -> {
            synchronized (state) {
                pod.retry = null;
                if (state.pods.get(pod.key()) == pod) {
                    pushIfNeeded(state, pod);
                }
            }
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A 409: the pod holds a newer version (or this one with another body): go past what it reports. */
    private void checkVersionOf(ProxySyncState state, PodSyncState pod) {
        client.status(pod.observed.endpoint()).whenComplete((status, error) -> {
            synchronized (state) {
                if (status != null) {
                    state.highestReported = Math.max(state.highestReported, status.backendsVersion());
                }
                if (state.highestReported >= state.version) {
                    state.newVersion(clock);
                    state.pods.values().forEach(p -> pushIfNeeded(state, p));
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
        for (ProxySyncState state : proxies.values()) {
            List<PodSyncState> pods;
            synchronized (state) {
                pods = new ArrayList<>(state.pods.values());
            }
            for (PodSyncState pod : pods) {
                client.status(pod.observed.endpoint()).whenComplete((status, error) -> {
                    if (status != null) {
                        onStatus(state, pod, status);
                    }
                });
            }
        }
    }

    private void onStatus(ProxySyncState state, PodSyncState pod, ProxyStatus status) {
        boolean changed = false;
        synchronized (state) {
            if (state.pods.get(pod.key()) != pod) {
                return;
            }
            state.highestReported = Math.max(state.highestReported, status.backendsVersion());
            if (pod.acked != 0 && status.backendsVersion() < pod.acked) {
                LOG.info("{} reports endpoints version {} below the acknowledged {}: sending the set again",
                        pod.observed.endpoint(), status.backendsVersion(), pod.acked);
                pod.acked = 0;
                changed = true;
                pushIfNeeded(state, pod);
            }
        }
        if (changed) {
            listener.accept(state.id);
        }
    }

    private void recordLagIfDone(ProxySyncState state) {
        if (!state.lagRecorded && state.changeSeenAt != null && state.everyPodAcknowledged()) {
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
}
