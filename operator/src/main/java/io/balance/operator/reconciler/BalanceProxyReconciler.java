package io.balance.operator.reconciler;

import io.balance.operator.cluster.ApiCapabilities;
import io.balance.operator.cluster.FeatureAvailability;
import io.balance.operator.crd.BalanceProxy;
import io.balance.operator.crd.BalanceProxyStatus;
import io.balance.operator.dependent.AdminServiceDependent;
import io.balance.operator.dependent.AdminTokenSecretDependent;
import io.balance.operator.dependent.ConfigMapDependent;
import io.balance.operator.dependent.DeploymentDependent;
import io.balance.operator.dependent.DesiredInputs;
import io.balance.operator.dependent.HpaDependent;
import io.balance.operator.dependent.NetworkPolicyDependent;
import io.balance.operator.dependent.PdbDependent;
import io.balance.operator.dependent.ServiceDependent;
import io.balance.operator.dependent.ServiceMonitorDependent;
import io.balance.operator.crd.BackendSpec;
import io.balance.operator.endpoints.EndpointSetBuilder;
import io.balance.operator.endpoints.EndpointSync;
import io.balance.operator.endpoints.SyncSnapshot;
import io.balance.operator.model.AdminTokenSecretModel;
import io.balance.operator.model.BootstrapBackends;
import io.balance.operator.model.Defaults;
import io.balance.operator.model.Labels;
import io.balance.operator.model.Names;
import io.balance.operator.runtime.ProxyConditionGauges;
import io.balance.operator.status.DependentErrors;
import io.balance.operator.status.ObservedState;
import io.balance.operator.status.StatusBuilder;
import io.balance.operator.status.StatusPatch;
import io.balance.operator.validation.SpecValidation;
import io.balance.operator.validation.SpecValidator;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.ArrayList;
import java.util.Set;
import java.util.stream.Collectors;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Orchestrates one BalanceProxy: validate the spec, run the workflow of owned objects (only for
 * an accepted spec: a rejected one leaves the running objects as they are), then hand what was
 * observed to the status builder. One bad CR never blocks another: a rejection is a status and
 * an Event, not an exception.
 */
@Workflow(explicitInvocation = true, handleExceptionsInReconciler = true, dependents = {
    @Dependent(name = AdminTokenSecretDependent.NAME, type = AdminTokenSecretDependent.class),
    @Dependent(name = ConfigMapDependent.NAME, type = ConfigMapDependent.class),
    @Dependent(name = DeploymentDependent.NAME, type = DeploymentDependent.class,
            dependsOn = {AdminTokenSecretDependent.NAME, ConfigMapDependent.NAME}),
    @Dependent(name = ServiceDependent.NAME, type = ServiceDependent.class),
    @Dependent(name = AdminServiceDependent.NAME, type = AdminServiceDependent.class),
    @Dependent(name = HpaDependent.NAME, type = HpaDependent.class,
            reconcilePrecondition = HpaDependent.Requested.class, activationCondition = HpaDependent.ApiServed.class),
    @Dependent(name = PdbDependent.NAME, type = PdbDependent.class,
            reconcilePrecondition = PdbDependent.Requested.class, activationCondition = PdbDependent.ApiServed.class),
    @Dependent(name = NetworkPolicyDependent.NAME, type = NetworkPolicyDependent.class,
            reconcilePrecondition = NetworkPolicyDependent.Enabled.class,
            activationCondition = NetworkPolicyDependent.ApiServed.class),
    @Dependent(name = ServiceMonitorDependent.NAME, type = ServiceMonitorDependent.class,
            reconcilePrecondition = ServiceMonitorDependent.Requested.class,
            activationCondition = ServiceMonitorDependent.ApiServed.class),
})
@ControllerConfiguration(name = BalanceProxyReconciler.NAME,
        // metadata-only changes count too: the mode-change annotation must take effect at once. A status
        // patch then comes back as one more event, which finds nothing to do (an unchanged status is not written).
        generationAwareEventProcessing = false,
        // also a periodic look: status drift heals, and APIs installed later (prometheus-operator) are noticed
        maxReconciliationInterval = @MaxReconciliationInterval(interval = 5, timeUnit = TimeUnit.MINUTES))
public class BalanceProxyReconciler implements Reconciler<BalanceProxy> {
    public static final String NAME = "balanceproxy";
    static final Duration RETRY_AFTER_DEPENDENT_ERROR = Duration.ofSeconds(10);

    private final String defaultImage;
    private final SpecValidator validator = new SpecValidator();
    private final StatusBuilder statusBuilder;
    private final EventRecorder events;
    private final EndpointSync endpointSync;
    private final ProxyConditionGauges gauges;
    private final boolean discoveryServed;
    private volatile InformerSyncInputs syncInputs;

    /**
     * @param endpointSync pushes endpoint sets to the pods; its polling starts and stops with this controller
     * @param discoveryServed whether the cluster serves discovery.k8s.io/v1 (no EndpointSlice informer otherwise)
     */
    public BalanceProxyReconciler(String defaultImage, Clock clock, EndpointSync endpointSync, ProxyConditionGauges gauges,
            boolean discoveryServed) {
        this.defaultImage = defaultImage;
        this.statusBuilder = new StatusBuilder(clock);
        this.events = new EventRecorder(clock);
        this.endpointSync = endpointSync;
        this.gauges = gauges;
        this.discoveryServed = discoveryServed;
    }

    static final String BY_BACKEND_SERVICE = "by-backend-service";

    /**
     * Besides the workflow's informers: the proxy pods (mapped to their BalanceProxy by the
     * instance label), the EndpointSlices of every backend Service (mapped through an index of
     * the BalanceProxies by {@code namespace/serviceName}, the slices' {@code kubernetes.io/service-name}
     * label), and an event source the endpoint sync fires when a pod's acknowledgement changes.
     * Slice and pod events also go straight to the endpoint sync ({@link FastPathInformer}), which
     * pushes a changed set or re-programs a restarted pod without waiting for a reconcile.
     */
    @Override
    public List<EventSource<?, BalanceProxy>> prepareEventSources(EventSourceContext<BalanceProxy> context) {
        IndexerResourceCache<BalanceProxy> primaries = context.getPrimaryCache();
        primaries.addIndexer(BY_BACKEND_SERVICE, proxy -> backendService(proxy) == null ? List.of()
                : List.of(proxy.getMetadata().getNamespace() + "/" + backendService(proxy)));
        gauges.readFrom(() -> primaries.list().toList());
        endpointSync.retainWhile(id -> primaries.get(id).isPresent());
        List<EventSource<?, BalanceProxy>> sources = new ArrayList<>();
        var pods = new FastPathInformer<>(InformerEventSourceConfiguration.from(Pod.class, BalanceProxy.class)
                .withName("proxy-pods")
                .withLabelSelector(Labels.NAME + "=" + Labels.APP)
                .withSecondaryToPrimaryMapper(pod -> {
                    String instance = pod.getMetadata().getLabels() == null ? null
                            : pod.getMetadata().getLabels().get(Labels.INSTANCE);
                    return instance == null ? Set.of() : Set.of(new ResourceID(instance, pod.getMetadata().getNamespace()));
                })
                .build(), context, endpointSync);
        sources.add(pods);
        InformerEventSource<EndpointSlice, BalanceProxy> slices = null;
        if (discoveryServed) {
            slices = new FastPathInformer<>(InformerEventSourceConfiguration.from(EndpointSlice.class, BalanceProxy.class)
                    .withName("backend-endpointslices")
                    .withSecondaryToPrimaryMapper(slice -> {
                        String service = slice.getMetadata().getLabels() == null ? null
                                : slice.getMetadata().getLabels().get(EndpointSetBuilder.SERVICE_NAME_LABEL);
                        return service == null ? Set.of() : primaries.byIndex(BY_BACKEND_SERVICE,
                                slice.getMetadata().getNamespace() + "/" + service).stream()
                                .map(ResourceID::fromResource).collect(Collectors.toSet());
                    })
                    .build(), context, endpointSync);
            sources.add(slices);
        }
        syncInputs = new InformerSyncInputs(primaries, pods, slices);
        endpointSync.readFrom(syncInputs);
        sources.add(new SyncEvents(endpointSync));
        return sources;
    }

    /** Reconciles a proxy whose pods' acknowledgements changed; starts and stops the sync's polling with the controller. */
    static final class SyncEvents extends SimpleInboundEventSource<BalanceProxy> {
        private final EndpointSync sync;

        SyncEvents(EndpointSync sync) {
            super("endpoint-sync");
            this.sync = sync;
        }

        @Override
        public void start() {
            super.start();
            sync.onChange(this::propagateEvent);
            sync.startPolling();
        }

        @Override
        public void stop() {
            sync.close();
            super.stop();
        }
    }

    @Override
    public UpdateControl<BalanceProxy> reconcile(BalanceProxy proxy, Context<BalanceProxy> context) {
        Optional<Deployment> running = context.getSecondaryResource(Deployment.class);
        SpecValidation validation = validator.validate(proxy, running.map(DeploymentDependent::runningMode).orElse(null));
        List<String> dependentErrors = List.of();
        SyncSnapshot sync = null;
        if (validation.accepted()) {
            sync = syncEndpoints(proxy, context);
            new DesiredInputs(validation.config(), defaultImage,
                    sync == null ? null : new BootstrapBackends(sync.version(), sync.backends())).putInto(context);
            var result = context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow();
            dependentErrors = DependentErrors.describe(result.getErroredDependents());
        }
        BalanceProxy current = withLatestStatus(proxy, context);
        BalanceProxyStatus status = statusBuilder.build(current, validation, observe(proxy, context, dependentErrors, sync));
        if (StatusBuilder.rejectionIsNews(current, status)) {
            events.warning(context.getClient(), proxy, "InvalidSpec", String.join("; ", validation.errorMessages()));
        }
        UpdateControl<BalanceProxy> control;
        if (status.equals(current.getStatus())) {
            control = UpdateControl.noUpdate();
        } else if (context.getControllerConfiguration().getConfigurationService().useSSAToPatchPrimaryResource()) {
            ssaPatchStatusAndCache(proxy, status, context);
            control = UpdateControl.noUpdate();
        } else {
            control = UpdateControl.patchStatus(StatusPatch.of(proxy, status)); // the mock tier
        }
        if (!dependentErrors.isEmpty()) {
            return control.rescheduleAfter(RETRY_AFTER_DEPENDENT_ERROR);
        }
        if (sync != null && sync.holdingEmptySet()) {
            // look again when the grace for an empty endpoint set runs out
            return control.rescheduleAfter(sync.emptyGraceLeft().plusMillis(100));
        }
        return control;
    }

    /**
     * Tells the endpoint sync where this proxy's backends come from (its accepted spec) and hands it
     * the admin token; the sync reads the set and the pods from the informer caches and pushes in the
     * background. Between reconciles it follows EndpointSlice and Pod events by itself (the fast path).
     * Null when the set cannot be known (the cluster serves no EndpointSlices).
     */
    private SyncSnapshot syncEndpoints(BalanceProxy proxy, Context<BalanceProxy> context) {
        BackendSpec backend = proxy.getSpec().backend();
        String namespace = proxy.getMetadata().getNamespace();
        ResourceID id = ResourceID.fromResource(proxy);
        boolean fromService = discoveryServed && backend != null && backend.addresses() == null && backend.serviceName() != null;
        syncInputs.target(id, new InformerSyncInputs.Target(backend,
                fromService ? slicePort(context, namespace, backend) : null, Defaults.adminPort(proxy.getSpec())));
        String token = context.getSecondaryResource(Secret.class).map(AdminTokenSecretModel::tokenOf).orElse(null);
        BootstrapBackends lastKnown = lastKnown(context);
        return endpointSync.sync(id, lastKnown == null ? null : lastKnown.backends(), lastKnown == null ? 0 : lastKnown.version(),
                token);
    }

    /**
     * A port number names a Service port: look the Service up (a list with a name field selector:
     * the RBAC grants list on Services already) and use that port's name, as the slices carry it.
     * A name needs no lookup; without the Service the number is matched against the slices' ports.
     */
    private static io.fabric8.kubernetes.api.model.IntOrString slicePort(Context<BalanceProxy> context, String namespace,
            BackendSpec backend) {
        if (backend.port() == null || backend.port().getIntVal() == null) {
            return backend.port();
        }
        try {
            var service = context.getClient().services().inNamespace(namespace)
                    .withField("metadata.name", backend.serviceName()).list().getItems().stream()
                    .filter(s -> backend.serviceName().equals(s.getMetadata().getName())).findFirst().orElse(null);
            return EndpointSetBuilder.servicePort(backend.port(), service);
        } catch (RuntimeException e) {
            return backend.port();
        }
    }

    private static BootstrapBackends lastKnown(Context<BalanceProxy> context) {
        return context.getSecondaryResource(ConfigMap.class)
                .map(ConfigMap::getData)
                .map(data -> BootstrapBackends.parse(data.get(Names.BOOTSTRAP_KEY)))
                .orElse(null);
    }

    private static String backendService(BalanceProxy proxy) {
        return proxy.getSpec() == null || proxy.getSpec().backend() == null ? null : proxy.getSpec().backend().serviceName();
    }

    /**
     * Writes the status by server-side apply and puts the answer in the primary's cache. With
     * {@code UpdateControl.patchStatus} JOSDK does not cache the result, so a reconcile that
     * follows at once (a dependent's event) could still see the proxy without the status just
     * written and build its conditions afresh, moving {@code lastTransitionTime} without a flip
     * (tier (b) showed it on a real server). The patch still holds only name, namespace and
     * status; JOSDK adds the resourceVersion it read (optimistic locking, retried on conflict).
     * Without server-side apply (the mock tier only) the status goes through {@code patchStatus}
     * as before: the mock does not take the cached variant's merge patch.
     */
    private static void ssaPatchStatusAndCache(BalanceProxy proxy, BalanceProxyStatus status, Context<BalanceProxy> context) {
        PrimaryUpdateAndCacheUtils.ssaPatchStatusAndCacheResource(proxy, StatusPatch.of(proxy, status), context);
    }

    @Override
    public ErrorStatusUpdateControl<BalanceProxy> updateErrorStatus(BalanceProxy proxy, Context<BalanceProxy> context,
            Exception e) {
        return ErrorStatusUpdateControl.patchStatus(StatusPatch.of(proxy, statusBuilder.failed(proxy, e)));
    }

    /**
     * The informer's copy can lag behind our own last status patch; conditions built on a stale
     * copy would move their transition times. The status is read fresh from the API server.
     */
    private static BalanceProxy withLatestStatus(BalanceProxy proxy, Context<BalanceProxy> context) {
        BalanceProxy latest = context.getClient().resource(proxy).get();
        if (latest == null || latest.getStatus() == null) {
            return proxy;
        }
        BalanceProxy merged = new BalanceProxy();
        merged.setMetadata(proxy.getMetadata());
        merged.setSpec(proxy.getSpec());
        merged.setStatus(latest.getStatus());
        return merged;
    }

    private ObservedState observe(BalanceProxy proxy, Context<BalanceProxy> context, List<String> dependentErrors,
            SyncSnapshot sync) {
        BootstrapBackends endpoints = sync != null ? new BootstrapBackends(sync.version(), sync.backends()) : lastKnown(context);
        var capabilities = ApiCapabilities.of(context.getClient());
        return new ObservedState(
                context.getSecondaryResource(Deployment.class).orElse(null),
                endpoints,
                proxy.getSpec() == null ? List.of() : FeatureAvailability.unavailable(proxy.getSpec(), capabilities::serves),
                dependentErrors,
                sync);
    }
}
