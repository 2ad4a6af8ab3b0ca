package io.balance.operator.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory proxy fleet behind the admin client: each pod (by IP) holds the backend set and
 * version it applied, answers 409 to an older version (or the same version with another body)
 * as the real proxy does, and can be made to fail, to forget its set (a restart), or to require
 * a token. No sockets; answers complete at once.
 */
public final class FakeProxyAdminClient implements ProxyAdminClient {
    public record Push(String podIp, String token, long version, List<BackendEntry> backends) {
    }

    private static final class FakePod {
        long version;
        List<BackendEntry> backends = List.of();
        final AtomicInteger failuresLeft = new AtomicInteger();
        volatile boolean unreachable;
        volatile boolean statusUnanswered;
        long configVersion;
        com.fasterxml.jackson.databind.JsonNode config;
        /** While non-null, pushes wait here (in order) for {@link #release}. */
        List<Runnable> held;
    }

    private final Map<String, FakePod> pods = new ConcurrentHashMap<>();
    private final List<Push> pushes = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AtomicInteger statusCalls = new AtomicInteger();

    private FakePod pod(String ip) {
        return pods.computeIfAbsent(ip, k -> new FakePod());
    }

    @Override
    public CompletionStage<PushResult> pushBackends(PodEndpoint endpoint, String token, long version, List<BackendEntry> backends) {
        pushes.add(new Push(endpoint.ip(), token, version, List.copyOf(backends)));
        FakePod pod = pod(endpoint.ip());
        synchronized (pod) {
            if (pod.held != null) {
                CompletableFuture<PushResult> later = new CompletableFuture<>();
                pod.held.add(() -> later.complete(apply(pod, version, backends)));
                return later;
            }
            return CompletableFuture.completedFuture(apply(pod, version, backends));
        }
    }

    private static PushResult apply(FakePod pod, long version, List<BackendEntry> backends) {
        synchronized (pod) {
            if (pod.unreachable) {
                return PushResult.failed(0, "ConnectException: connection refused");
            }
            if (pod.failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                return PushResult.failed(503, "PUT /backends answered 503");
            }
            if (version < pod.version || version == pod.version && !pod.backends.equals(backends)) {
                return PushResult.conflict("version " + version + " is older than the applied version " + pod.version);
            }
            pod.version = version;
            pod.backends = List.copyOf(backends);
            return PushResult.acknowledged(200);
        }
    }

    @Override
    public CompletionStage<PushResult> pushConfig(PodEndpoint endpoint, String token, long version,
            com.fasterxml.jackson.databind.JsonNode config) {
        FakePod pod = pod(endpoint.ip());
        synchronized (pod) {
            if (pod.unreachable) {
                return CompletableFuture.completedFuture(PushResult.failed(0, "ConnectException: connection refused"));
            }
            if (version < pod.configVersion || version == pod.configVersion && !config.equals(pod.config)) {
                return CompletableFuture.completedFuture(PushResult.conflict("version " + version
                        + " is older than the applied version " + pod.configVersion));
            }
            pod.configVersion = version;
            pod.config = config.deepCopy();
            return CompletableFuture.completedFuture(PushResult.acknowledged(200));
        }
    }

    public long configVersionOf(String ip) {
        return pod(ip).configVersion;
    }

    @Override
    public CompletionStage<ProxyStatus> status(PodEndpoint endpoint) {
        statusCalls.incrementAndGet();
        FakePod pod = pod(endpoint.ip());
        synchronized (pod) {
            if (pod.unreachable || pod.statusUnanswered) {
                return CompletableFuture.failedFuture(new java.net.ConnectException("connection refused"));
            }
            return CompletableFuture.completedFuture(new ProxyStatus(pod.version, pod.configVersion));
        }
    }

    /** Pushes to this pod get no answer until {@link #release}: a slow pod, or a push in flight. */
    public void hold(String ip) {
        FakePod pod = pod(ip);
        synchronized (pod) {
            pod.held = new ArrayList<>();
        }
    }

    /** Answers the held pushes in the order they came, and answers at once from then on. */
    public void release(String ip) {
        FakePod pod = pod(ip);
        List<Runnable> held;
        synchronized (pod) {
            held = pod.held == null ? List.of() : pod.held;
            pod.held = null;
        }
        held.forEach(Runnable::run);
    }

    /** Answers the oldest held push only; the others keep waiting. */
    public void releaseOldest(String ip) {
        FakePod pod = pod(ip);
        Runnable oldest;
        synchronized (pod) {
            oldest = pod.held == null || pod.held.isEmpty() ? () -> { } : pod.held.remove(0);
        }
        oldest.run();
    }

    /** The next {@code count} pushes to this pod answer 503. */
    public void failNext(String ip, int count) {
        pod(ip).failuresLeft.set(count);
    }

    public void unreachable(String ip, boolean unreachable) {
        pod(ip).unreachable = unreachable;
    }

    /** {@code GET /status} of this pod fails (pushes still work): only a pod event can show what happened to it. */
    public void statusUnanswered(String ip, boolean unanswered) {
        pod(ip).statusUnanswered = unanswered;
    }

    /** The pod lost its set (its process restarted under the same pod): it reports version 0 again. */
    public void forget(String ip) {
        FakePod pod = pod(ip);
        synchronized (pod) {
            pod.version = 0;
            pod.backends = List.of();
        }
    }

    /** The pod holds a version from elsewhere (e.g. another operator replica). */
    public void holds(String ip, long version) {
        FakePod pod = pod(ip);
        synchronized (pod) {
            pod.version = version;
        }
    }

    public long versionOf(String ip) {
        return pod(ip).version;
    }

    public List<BackendEntry> backendsOf(String ip) {
        return pod(ip).backends;
    }

    public List<Push> pushes() {
        return new ArrayList<>(pushes);
    }

    public List<Push> pushesTo(String ip) {
        return pushes.stream().filter(p -> p.podIp().equals(ip)).toList();
    }

    public int statusCalls() {
        return statusCalls.get();
    }
}
