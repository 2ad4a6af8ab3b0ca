package io.balance.operator.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.WeakHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which optional APIs the cluster serves, found through discovery. An API found present stays
 * present; an absent one is asked about again after {@code recheck}, so installing the
 * prometheus-operator later is noticed without a restart. A failed probe counts as absent and
 * never throws: a missing API disables a feature, it never stops the operator.
 */
public final class ApiCapabilities {
    private static final Logger LOG = LoggerFactory.getLogger(ApiCapabilities.class);
    private static final Map<KubernetesClient, ApiCapabilities> BY_CLIENT = new WeakHashMap<>();
    public static final Duration DEFAULT_RECHECK = Duration.ofMinutes(1);

    private final KubernetesClient client;
    private final Duration recheck;
    private final Clock clock;
    private final Map<OptionalApi, Instant> absentSince = new EnumMap<>(OptionalApi.class);
    private final Map<OptionalApi, Boolean> known = new EnumMap<>(OptionalApi.class);

    ApiCapabilities(KubernetesClient client, Duration recheck, Clock clock) {
        this.client = client;
        this.recheck = recheck;
        this.clock = clock;
    }

    /** The capabilities of the cluster behind this client (one instance per client). */
    public static ApiCapabilities of(KubernetesClient client) {
        synchronized (BY_CLIENT) {
            return BY_CLIENT.computeIfAbsent(client, c -> new ApiCapabilities(c, DEFAULT_RECHECK, Clock.systemUTC()));
        }
    }

    /** Registers how often absent APIs are asked about again for this client (tests use a short one). */
    public static ApiCapabilities register(KubernetesClient client, Duration recheck) {
        synchronized (BY_CLIENT) {
            ApiCapabilities capabilities = new ApiCapabilities(client, recheck, Clock.systemUTC());
            BY_CLIENT.put(client, capabilities);
            return capabilities;
        }
    }

    public synchronized boolean serves(OptionalApi api) {
        Boolean present = known.get(api);
        if (Boolean.TRUE.equals(present)) {
            return true;
        }
        Instant since = absentSince.get(api);
        if (present == null || since == null || !clock.instant().isBefore(since.plus(recheck))) {
            boolean now = probe(api);
            known.put(api, now);
            if (now) {
                absentSince.remove(api);
            } else {
                absentSince.put(api, clock.instant());
            }
            return now;
        }
        return false;
    }

    /** Probes every optional API and logs what is missing; called once at start. */
    public Map<OptionalApi, Boolean> probeAll() {
        Map<OptionalApi, Boolean> result = new EnumMap<>(OptionalApi.class);
        for (OptionalApi api : OptionalApi.values()) {
            boolean served = serves(api);
            result.put(api, served);
            if (served) {
                LOG.info("cluster serves {}", api.describe());
            } else {
                LOG.warn("cluster does not serve {}: {} is unavailable until it does", api.describe(), api.feature());
            }
        }
        return result;
    }

    private boolean probe(OptionalApi api) {
        try {
            return client.supports(api.apiVersion(), api.kind());
        } catch (KubernetesClientException e) {
            LOG.warn("discovery of {} failed ({}); treating it as not served", api.describe(), e.getMessage());
            return false;
        }
    }
}
