package io.balance.operator.status;

import io.balance.operator.crd.BalanceProxy;
import io.balance.operator.crd.BalanceProxyStatus;
import io.balance.operator.crd.Condition;
import io.balance.operator.crd.EndpointsStatus;
import io.balance.operator.endpoints.SyncSnapshot;
import io.balance.operator.model.BootstrapBackends;
import io.balance.operator.model.Labels;
import io.balance.operator.validation.SpecValidation;
import java.time.Clock;
import java.util.List;

/**
 * The one place that builds a BalanceProxy's status. Pure: spec verdict and observed state in,
 * status out. Each condition carries the generation it was computed for, and its
 * {@code lastTransitionTime} moves only when its status flips.
 */
public final class StatusBuilder {
    private final Clock clock;

    public StatusBuilder(Clock clock) {
        this.clock = clock;
    }

    public BalanceProxyStatus build(BalanceProxy proxy, SpecValidation validation, ObservedState observed) {
        long generation = generation(proxy);
        List<Condition> previous = proxy.getStatus() == null ? null : proxy.getStatus().conditions();
        var now = clock.instant();
        Rollout rollout = observed.deployment() == null ? null : Rollout.of(observed.deployment());
        BootstrapBackends endpoints = observed.endpoints();
        List<Condition> conditions = List.of(
                accepted(validation, previous, generation, now),
                programmed(validation, rollout, observed.sync(), previous, generation, now),
                ready(validation, rollout, previous, generation, now),
                degraded(observed, rollout, previous, generation, now));
        return new BalanceProxyStatus(
                generation,
                rollout == null ? 0 : rollout.current(),
                rollout == null ? 0 : rollout.ready(),
                observed.sync() == null ? 0 : observed.sync().programmed(),
                Labels.selectorString(proxy),
                observed.sync() != null ? new EndpointsStatus(observed.sync().backends().size(), observed.sync().version())
                        : endpoints == null ? null : new EndpointsStatus(endpoints.addresses().size(), endpoints.version()),
                conditions);
    }

    /** A status for a reconcile that failed with an exception: the last conditions, Degraded=True. */
    public BalanceProxyStatus failed(BalanceProxy proxy, Exception error) {
        long generation = generation(proxy);
        BalanceProxyStatus last = proxy.getStatus();
        List<Condition> previous = last == null ? null : last.conditions();
        Condition degraded = Conditions.next(previous, Condition.DEGRADED, Condition.TRUE, "ReconcileError",
                String.valueOf(error.getMessage()), generation, clock.instant());
        List<Condition> conditions = new java.util.ArrayList<>(previous == null ? List.of() : previous.stream()
                .filter(c -> !Condition.DEGRADED.equals(c.type())).toList());
        conditions.add(degraded);
        return new BalanceProxyStatus(last == null ? null : last.observedGeneration(),
                last == null ? null : last.replicas(), last == null ? null : last.readyReplicas(),
                last == null ? null : last.programmedReplicas(), Labels.selectorString(proxy),
                last == null ? null : last.endpoints(), List.copyOf(conditions));
    }

    private static Condition accepted(SpecValidation v, List<Condition> previous, long generation, java.time.Instant now) {
        if (!v.accepted()) {
            return Conditions.next(previous, Condition.ACCEPTED, Condition.FALSE, "InvalidSpec",
                    String.join("; ", v.errorMessages()), generation, now);
        }
        String message = v.warningMessages().isEmpty() ? "spec is valid"
                : "spec is valid; warnings: " + String.join("; ", v.warningMessages());
        return Conditions.next(previous, Condition.ACCEPTED, Condition.TRUE, "Valid", message, generation, now);
    }

    private static Condition programmed(SpecValidation v, Rollout rollout, SyncSnapshot sync, List<Condition> previous,
            long generation, java.time.Instant now) {
        if (!v.accepted()) {
            return Conditions.next(previous, Condition.PROGRAMMED, Condition.FALSE, "InvalidSpec",
                    "the spec was not accepted; pods keep the last accepted config", generation, now);
        }
        if (sync != null) {
            String counts = sync.programmed() + "/" + sync.readyPods() + " pods programmed with endpoints version "
                    + sync.version();
            if (sync.readyPods() == 0) {
                return Conditions.next(previous, Condition.PROGRAMMED, Condition.FALSE, "NoReadyPods", counts,
                        generation, now);
            }
            return sync.programmed() == sync.readyPods()
                    ? Conditions.next(previous, Condition.PROGRAMMED, Condition.TRUE, "Programmed", counts, generation, now)
                    : Conditions.next(previous, Condition.PROGRAMMED, Condition.FALSE, "Pending", counts, generation, now);
        }
        int pods = rollout == null ? 0 : rollout.ready();
        return Conditions.next(previous, Condition.PROGRAMMED, Condition.UNKNOWN, "EndpointSyncPending",
                "0/" + pods + " pods programmed: pods run the rendered config; acknowledged pushes are not tracked yet",
                generation, now);
    }

    private static Condition ready(SpecValidation v, Rollout rollout, List<Condition> previous, long generation,
            java.time.Instant now) {
        if (!v.accepted()) {
            return Conditions.next(previous, Condition.READY, Condition.FALSE, "InvalidSpec",
                    "the current generation was not accepted", generation, now);
        }
        if (rollout == null) {
            return Conditions.next(previous, Condition.READY, Condition.FALSE, "DeploymentMissing",
                    "the proxy Deployment does not exist yet", generation, now);
        }
        String counts = rollout.ready() + "/" + rollout.desired() + " pods ready, " + rollout.updated() + " up to date";
        if (rollout.complete()) {
            return Conditions.next(previous, Condition.READY, Condition.TRUE, "RolledOut", counts, generation, now);
        }
        return Conditions.next(previous, Condition.READY, Condition.FALSE, "RollingOut", counts, generation, now);
    }

    private static Condition degraded(ObservedState observed, Rollout rollout, List<Condition> previous, long generation,
            java.time.Instant now) {
        if (!observed.dependentErrors().isEmpty()) {
            return Conditions.next(previous, Condition.DEGRADED, Condition.TRUE, "ReconcileError",
                    String.join("; ", observed.dependentErrors()), generation, now);
        }
        if (rollout != null && rollout.stuck()) {
            return Conditions.next(previous, Condition.DEGRADED, Condition.TRUE, "RolloutStuck",
                    "the Deployment exceeded its progress deadline", generation, now);
        }
        if (!observed.unavailableFeatures().isEmpty()) {
            return Conditions.next(previous, Condition.DEGRADED, Condition.TRUE, "FeatureUnavailable",
                    String.join("; ", observed.unavailableFeatures()), generation, now);
        }
        SyncSnapshot sync = observed.sync();
        if (sync != null && !sync.failures().isEmpty()) {
            return Conditions.next(previous, Condition.DEGRADED, Condition.TRUE, "EndpointSyncFailed",
                    "pods not programmed: " + String.join("; ", sync.failures()), generation, now);
        }
        if (sync != null && sync.holdingEmptySet()) {
            return Conditions.next(previous, Condition.DEGRADED, Condition.TRUE, "EndpointsEmptyGrace",
                    "the backend Service has no ready endpoints; the pods keep the last " + sync.backends().size()
                    + " until the grace period ends, then get the empty set",
                    generation, now);
        }
        return Conditions.next(previous, Condition.DEGRADED, Condition.FALSE, "AsExpected",
                "every owned object is reconciled", generation, now);
    }

    private static long generation(BalanceProxy proxy) {
        Long generation = proxy.getMetadata().getGeneration();
        return generation == null ? 0 : generation;
    }

    /** True when a rejection should also be told as an Event: newly rejected, or rejected for other reasons. */
    public static boolean rejectionIsNews(BalanceProxy proxy, BalanceProxyStatus next) {
        Condition now = next.condition(Condition.ACCEPTED).orElse(null);
        if (now == null || now.isTrue()) {
            return false;
        }
        Condition before = proxy.getStatus() == null ? null : proxy.getStatus().condition(Condition.ACCEPTED).orElse(null);
        return before == null || before.isTrue() || !before.message().equals(now.message())
                || !before.observedGeneration().equals(now.observedGeneration());
    }
}
