package io.balance.operator.reconciler;

import io.balance.operator.admin.BackendEntry;
import io.balance.operator.crd.BackendSpec;
import io.balance.operator.crd.BalanceProxy;
import io.balance.operator.endpoints.EndpointSetBuilder;
import io.balance.operator.endpoints.ProxyPod;
import io.balance.operator.endpoints.SyncInputs;
import io.balance.operator.model.Labels;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.Cache;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The endpoint sync's view of a proxy, from the operator's informer caches: the backend Service's
 * EndpointSlices and the proxy's pods. What to look for comes from the proxy's last accepted spec
 * ({@link #target}, set by each reconcile): a rejected spec never reaches the pods, and the Service
 * port number the reconcile resolved to the slices' port name is kept.
 */
final class InformerSyncInputs implements SyncInputs {
    /** Where a proxy's backends come from and where its pods listen, as of its last accepted spec. */
    record Target(BackendSpec backend, IntOrString slicePort, int adminPort) {
    }

    private final Cache<BalanceProxy> primaries;
    private final InformerEventSource<Pod, BalanceProxy> pods;
    private final InformerEventSource<EndpointSlice, BalanceProxy> slices; // null: discovery.k8s.io/v1 not served
    private final Map<ResourceID, Target> targets = new ConcurrentHashMap<>();

    InformerSyncInputs(Cache<BalanceProxy> primaries, InformerEventSource<Pod, BalanceProxy> pods,
            InformerEventSource<EndpointSlice, BalanceProxy> slices) {
        this.primaries = primaries;
        this.pods = pods;
        this.slices = slices;
    }

    void target(ResourceID proxy, Target target) {
        targets.put(proxy, target);
    }

    @Override
    public Optional<Observed> observe(ResourceID proxy) {
        Target target = targets.get(proxy);
        if (target == null) {
            return Optional.empty();
        }
        if (primaries.get(proxy).isEmpty()) {
            targets.remove(proxy);
            return Optional.empty();
        }
        return desired(proxy.getNamespace().orElseThrow(), target)
                .map(set -> new Observed(set, runningPods(proxy, target.adminPort())));
    }

    private Optional<List<BackendEntry>> desired(String namespace, Target target) {
        BackendSpec backend = target.backend();
        if (backend != null && backend.addresses() != null) {
            return Optional.of(EndpointSetBuilder.fromAddresses(backend.addresses()));
        }
        if (backend == null || backend.serviceName() == null || slices == null) {
            return Optional.empty();
        }
        List<EndpointSlice> ofService = slices.list(namespace, s -> s.getMetadata().getLabels() != null
                && backend.serviceName().equals(s.getMetadata().getLabels().get(EndpointSetBuilder.SERVICE_NAME_LABEL))).toList();
        return Optional.of(EndpointSetBuilder.fromSlices(ofService, target.slicePort()));
    }

    private List<ProxyPod> runningPods(ResourceID proxy, int adminPort) {
        String name = proxy.getName();
        return ProxyPod.of(pods.list(proxy.getNamespace().orElseThrow(), p -> p.getMetadata().getLabels() != null
                && name.equals(p.getMetadata().getLabels().get(Labels.INSTANCE))).toList(), adminPort);
    }
}
