package io.balance.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.balance.operator.Fixtures;
import io.balance.operator.crd.BalanceProxy;
import io.balance.operator.crd.BalanceProxyStatus;
import io.balance.operator.crd.Condition;
import io.balance.operator.endpoints.SyncSnapshot;
import io.balance.operator.model.BootstrapBackends;
import io.balance.operator.model.DeploymentModel;
import io.balance.operator.validation.SpecValidation;
import io.balance.operator.validation.SpecValidator;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusBuilderTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant T1 = Instant.parse("2026-01-01T00:05:00Z");

    @Test
    void readyOnlyOnceTheDeploymentRolledOutTheCurrentGeneration() {
        BalanceProxy proxy = Fixtures.stored(Fixtures.quickstart());
        Deployment deployment = DeploymentModel.build(proxy, "img", 2);
        deployment.getMetadata().setGeneration(3L);

        assertThat(condition(build(proxy, deployment, T0), Condition.READY).reason()).isEqualTo("RollingOut");

        deployment.setStatus(new DeploymentStatusBuilder().withObservedGeneration(2L).withReplicas(2).withUpdatedReplicas(2)
                .withReadyReplicas(2).withAvailableReplicas(2).build());
        assertThat(condition(build(proxy, deployment, T0), Condition.READY).status()).as("old generation").isEqualTo("False");

        deployment.getStatus().setObservedGeneration(3L);
        BalanceProxyStatus status = build(proxy, deployment, T0);
        assertThat(condition(status, Condition.READY).status()).isEqualTo("True");
        assertThat(status.readyReplicas()).isEqualTo(2);
        assertThat(status.selector()).isEqualTo("app.kubernetes.io/name=balance,app.kubernetes.io/instance=web");
    }

    @Test
    void transitionTimesMoveOnlyWhenTheStatusFlips() {
        BalanceProxy proxy = Fixtures.stored(Fixtures.quickstart());
        BalanceProxyStatus first = build(proxy, null, T0);
        proxy.setStatus(first);
        proxy.getMetadata().setGeneration(2L);

        BalanceProxyStatus second = build(proxy, null, T1);
        assertThat(condition(second, Condition.ACCEPTED).lastTransitionTime()).isEqualTo(T0.toString());
        assertThat(condition(second, Condition.ACCEPTED).observedGeneration()).isEqualTo(2L);
        assertThat(second.observedGeneration()).isEqualTo(2L);

        proxy.setStatus(second);
        BalanceProxy invalid = Fixtures.edited(proxy, spec -> spec.withObjectProperty("loadBalancer").put("algorithm", "nope"));
        invalid.setStatus(second);
        BalanceProxyStatus third = new StatusBuilder(Clock.fixed(T1, ZoneOffset.UTC))
                .build(invalid, new SpecValidator().validate(invalid), observed(null));
        assertThat(condition(third, Condition.ACCEPTED).status()).isEqualTo("False");
        assertThat(condition(third, Condition.ACCEPTED).lastTransitionTime()).isEqualTo(T1.toString());
        assertThat(StatusBuilder.rejectionIsNews(invalid, third)).isTrue();
        invalid.setStatus(third);
        assertThat(StatusBuilder.rejectionIsNews(invalid, third)).as("same rejection again").isFalse();
    }

    @Test
    void degradedSaysWhichFeaturesTheClusterCannotProvide() {
        BalanceProxy proxy = Fixtures.stored(Fixtures.autoscaled());
        SpecValidation validation = new SpecValidator().validate(proxy);
        BalanceProxyStatus status = new StatusBuilder(Clock.fixed(T0, ZoneOffset.UTC)).build(proxy, validation,
                new ObservedState(null, BootstrapBackends.ofAddresses(7, List.of("10.0.0.1:80")), List.of("spec.autoscaling: missing"), List.of()));
        assertThat(condition(status, Condition.DEGRADED).reason()).isEqualTo("FeatureUnavailable");
        assertThat(status.endpoints().count()).isEqualTo(1);
        assertThat(status.endpoints().version()).isEqualTo(7L);
        assertThat(condition(status, Condition.PROGRAMMED).status()).isEqualTo("Unknown");
    }

    @Test
    void programmedCountsTheReadyPodsThatAcknowledgedTheCurrentVersion() {
        BalanceProxy proxy = Fixtures.stored(Fixtures.quickstart());
        var set = List.of(io.balance.operator.admin.BackendEntry.of("b", "10.0.0.1:80"));
        BalanceProxyStatus partly = statusWith(proxy, new SyncSnapshot(set, 99, 1, 2, List.of("web-1: connection refused"), null));
        BalanceProxyStatus fully = statusWith(proxy, new SyncSnapshot(set, 99, 2, 2, List.of(), null));

        assertThat(condition(partly, Condition.PROGRAMMED).status()).isEqualTo("False");
        assertThat(condition(partly, Condition.PROGRAMMED).message()).startsWith("1/2 pods programmed");
        assertThat(partly.programmedReplicas()).isEqualTo(1);
        assertThat(condition(partly, Condition.DEGRADED).reason()).isEqualTo("EndpointSyncFailed");
        assertThat(condition(partly, Condition.DEGRADED).message()).contains("web-1: connection refused");
        assertThat(condition(fully, Condition.PROGRAMMED).status()).isEqualTo("True");
        assertThat(condition(fully, Condition.PROGRAMMED).message()).startsWith("2/2 pods programmed");
        assertThat(fully.programmedReplicas()).isEqualTo(2);
        assertThat(fully.endpoints().count()).isEqualTo(1);
        assertThat(fully.endpoints().version()).isEqualTo(99L);
        assertThat(condition(fully, Condition.DEGRADED).status()).isEqualTo("False");
    }

    @Test
    void anEmptySetHeldBackIsDegradedWithItsOwnReason() {
        BalanceProxy proxy = Fixtures.stored(Fixtures.quickstart());
        var set = List.of(io.balance.operator.admin.BackendEntry.of("b", "10.0.0.1:80"));
        BalanceProxyStatus status = statusWith(proxy, new SyncSnapshot(set, 5, 1, 1, List.of(), java.time.Duration.ofSeconds(4)));

        assertThat(condition(status, Condition.DEGRADED).reason()).isEqualTo("EndpointsEmptyGrace");
        assertThat(condition(status, Condition.PROGRAMMED).status()).isEqualTo("True");
    }

    private static BalanceProxyStatus statusWith(BalanceProxy proxy, SyncSnapshot sync) {
        return new StatusBuilder(Clock.fixed(T0, ZoneOffset.UTC)).build(proxy, new SpecValidator().validate(proxy),
                new ObservedState(null, null, List.of(), List.of(), sync));
    }

    @Test
    void aFailedReconcileKeepsTheLastConditionsAndMarksDegraded() {
        BalanceProxy proxy = Fixtures.stored(Fixtures.quickstart());
        proxy.setStatus(build(proxy, null, T0));
        BalanceProxyStatus failed = new StatusBuilder(Clock.fixed(T1, ZoneOffset.UTC)).failed(proxy, new IllegalStateException("boom"));
        assertThat(condition(failed, Condition.ACCEPTED).lastTransitionTime()).isEqualTo(T0.toString());
        assertThat(condition(failed, Condition.DEGRADED).message()).isEqualTo("boom");
        assertThat(condition(failed, Condition.DEGRADED).status()).isEqualTo("True");
    }

    private static BalanceProxyStatus build(BalanceProxy proxy, Deployment deployment, Instant now) {
        return new StatusBuilder(Clock.fixed(now, ZoneOffset.UTC)).build(proxy, new SpecValidator().validate(proxy), observed(deployment));
    }

    private static ObservedState observed(Deployment deployment) {
        return new ObservedState(deployment, BootstrapBackends.empty(), List.of(), List.of());
    }

    private static Condition condition(BalanceProxyStatus status, String type) {
        return status.condition(type).orElseThrow();
    }
}
