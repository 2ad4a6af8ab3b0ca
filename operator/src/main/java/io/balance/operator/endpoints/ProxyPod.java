package io.balance.operator.endpoints;

import io.balance.operator.admin.PodEndpoint;
import io.balance.operator.model.Names;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A running proxy pod the endpoint set is pushed to: whether it is Ready (only ready pods count for
 * Programmed), and the proxy container's restart count and started flag, whose changes mean a new
 * proxy process that lost what it was pushed.
 */
public record ProxyPod(PodEndpoint endpoint, boolean ready, int restartCount, boolean started) {

    public ProxyPod(PodEndpoint endpoint, boolean ready) {
        this(endpoint, ready, 0, true);
    }

    /** The pods that can take a push: running, with an IP, not being deleted. Sorted by name. */
    public static List<ProxyPod> of(Collection<Pod> pods, int adminPort) {
        return pods.stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .filter(p -> p.getStatus() != null && "Running".equals(p.getStatus().getPhase()))
                .filter(p -> p.getStatus().getPodIP() != null && !p.getStatus().getPodIP().isEmpty())
                .map(p -> of(p, adminPort))
                .sorted(Comparator.comparing(p -> p.endpoint().podName()))
                .toList();
    }

    /** Whether this is another process than {@code before} in the same pod (the container restarted or stopped). */
    public boolean restartedSince(ProxyPod before) {
        return restartCount != before.restartCount || started != before.started;
    }

    private static ProxyPod of(Pod pod, int adminPort) {
        Optional<ContainerStatus> proxy = pod.getStatus().getContainerStatuses() == null ? Optional.empty()
                : pod.getStatus().getContainerStatuses().stream().filter(c -> Names.CONTAINER.equals(c.getName())).findFirst();
        return new ProxyPod(new PodEndpoint(pod.getMetadata().getName(), pod.getMetadata().getUid(), pod.getStatus().getPodIP(),
                adminPort), ready(pod), proxy.map(ContainerStatus::getRestartCount).orElse(0),
                proxy.map(c -> !Boolean.FALSE.equals(c.getStarted())).orElse(true));
    }

    private static boolean ready(Pod pod) {
        return pod.getStatus().getConditions() != null && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }
}
