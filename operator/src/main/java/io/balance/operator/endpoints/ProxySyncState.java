package io.balance.operator.endpoints;

import io.balance.operator.admin.BackendEntry;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The endpoint sync of one BalanceProxy: the set published to its pods and its version, and each
 * pod's state. Every access holds this object's lock.
 */
final class ProxySyncState {
    final ResourceID id;
    final Map<String, PodSyncState> pods = new HashMap<>();
    List<BackendEntry> published;
    long version;
    long highestReported;
    String token;
    Instant emptySince;
    Duration emptyGraceLeft;
    Instant changeSeenAt;
    boolean lagRecorded;

    ProxySyncState(ResourceID id, List<BackendEntry> lastKnown, long lastKnownVersion) {
        this.id = id;
        this.published = lastKnown == null ? List.of() : List.copyOf(lastKnown);
        this.version = lastKnown == null ? 0 : lastKnownVersion;
    }

    /**
     * Makes {@code desired} the published set with a new version, unless it is unchanged or it is an
     * empty set replacing a non-empty one within the grace. Returns whether the version changed.
     */
    boolean publish(List<BackendEntry> desired, Duration emptyGrace, Clock clock) {
        Instant now = clock.instant();
        List<BackendEntry> next = desired;
        emptyGraceLeft = null;
        if (desired.isEmpty() && !published.isEmpty()) {
            if (emptySince == null) {
                emptySince = now;
            }
            Duration elapsed = Duration.between(emptySince, now);
            if (elapsed.compareTo(emptyGrace) < 0) {
                emptyGraceLeft = emptyGrace.minus(elapsed);
                next = published; // hold the last non-empty set for now
            }
        } else {
            emptySince = null;
        }
        if (version != 0 && next.equals(published)) {
            return false;
        }
        published = next;
        newVersion(clock);
        return true;
    }

    void newVersion(Clock clock) {
        version = Versions.next(version, highestReported, clock);
        changeSeenAt = clock.instant();
        lagRecorded = false;
    }

    boolean everyPodAcknowledged() {
        return !pods.isEmpty() && pods.values().stream().allMatch(p -> p.acked == version);
    }

    SyncSnapshot snapshot() {
        int ready = 0;
        int programmed = 0;
        List<String> failures = new ArrayList<>();
        for (PodSyncState pod : pods.values()) {
            if (pod.observed.ready()) {
                ready++;
                if (pod.acked == version) {
                    programmed++;
                }
            }
            if (pod.error != null && pod.acked != version) {
                failures.add(pod.observed.endpoint().podName() + ": " + pod.error);
            }
        }
        if (token == null && !pods.isEmpty()) {
            failures.add("the admin token Secret is not readable yet");
        }
        failures.sort(null);
        return new SyncSnapshot(published, version, programmed, ready, failures, emptyGraceLeft);
    }
}
