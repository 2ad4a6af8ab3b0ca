package io.balance.operator.endpoints;

import io.balance.operator.admin.PodEndpoint;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Collection;
import java.util.List;

/** A running proxy pod the endpoint set is pushed to, and whether it is Ready (only ready pods count for Programmed). */
public record ProxyPod(PodEndpoint endpoint, boolean ready) {

    /** The pods that can take a push: running, with an IP, not being deleted. Sorted by name. */
    public static List<ProxyPod> of(Collection<Pod> pods, int adminPort) {
        return pods.stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .filter(p -> p.getStatus() != null && "Running".equals(p.getStatus().getPhase()))
                .filter(p -> p.getStatus().getPodIP() != null && !p.getStatus().getPodIP().isEmpty())
                .map(p -> new ProxyPod(new PodEndpoint(p.getMetadata().getName(), p.getMetadata().getUid(),
                        p.getStatus().getPodIP(), adminPort), ready(p)))
                .sorted(java.util.Comparator.comparing(p -> p.endpoint().podName()))
                .toList();
    }

    private static boolean ready(Pod pod) {
        return pod.getStatus().getConditions() != null && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }
}
