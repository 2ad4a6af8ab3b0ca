package io.balance.operator.endpoints;

import io.balance.operator.admin.BackendEntry;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.List;
import java.util.Optional;

/**
 * What the endpoint sync reads about one BalanceProxy, at the moment it pushes: the endpoint set
 * wanted now and the pods running now. The operator's implementation reads its informer caches (no
 * API call, so it is cheap enough to call on every EndpointSlice or Pod event). Empty when the set
 * cannot be known: the proxy is gone, or its backend Service's slices are not watched.
 */
@FunctionalInterface
public interface SyncInputs {
    Optional<Observed> observe(ResourceID proxy);

    record Observed(List<BackendEntry> desired, List<ProxyPod> pods) {
        public Observed {
            desired = List.copyOf(desired);
            pods = List.copyOf(pods);
        }
    }

    SyncInputs NONE = proxy -> Optional.empty();
}
