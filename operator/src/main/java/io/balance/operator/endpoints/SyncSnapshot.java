package io.balance.operator.endpoints;

import io.balance.operator.admin.BackendEntry;
import java.time.Duration;
import java.util.List;

/**
 * The endpoint sync of one BalanceProxy as the status reports it: the set given to the pods and
 * its version, how many ready pods acknowledged it out of how many, the pods that could not be
 * programmed ("pod: reason"), and, while an empty set is held back, how long the grace still runs.
 */
public record SyncSnapshot(List<BackendEntry> backends, long version, int programmed, int readyPods,
        List<String> failures, Duration emptyGraceLeft) {

    public SyncSnapshot {
        backends = List.copyOf(backends);
        failures = List.copyOf(failures);
    }

    public boolean holdingEmptySet() {
        return emptyGraceLeft != null;
    }
}
