package io.balance.operator.reconciler;

import io.balance.operator.crd.BalanceProxy;
import io.balance.operator.endpoints.EndpointSync;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;

/**
 * An informer event source whose events also go straight to the endpoint sync (the fast path),
 * mapped to their BalanceProxies by the same mapper, besides reconciling those proxies as usual.
 * The informer's cache already holds the new state when these handlers run.
 */
final class FastPathInformer<R extends HasMetadata> extends InformerEventSource<R, BalanceProxy> {
    private final SecondaryToPrimaryMapper<R> mapper;
    private final EndpointSync sync;

    FastPathInformer(InformerEventSourceConfiguration<R> configuration, EventSourceContext<BalanceProxy> context,
            EndpointSync sync) {
        super(configuration, context);
        this.mapper = configuration.getSecondaryToPrimaryMapper();
        this.sync = sync;
    }

    @Override
    public void onAdd(R resource) {
        tellSync(resource);
        super.onAdd(resource);
    }

    @Override
    public void onUpdate(R oldResource, R newResource) {
        tellSync(newResource);
        super.onUpdate(oldResource, newResource);
    }

    @Override
    public void onDelete(R resource, boolean deletedFinalStateUnknown) {
        tellSync(resource);
        super.onDelete(resource, deletedFinalStateUnknown);
    }

    private void tellSync(R resource) {
        mapper.toPrimaryResourceIDs(resource).forEach(sync::changed);
    }
}
