package io.balance.operator.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.balance.operator.mock.MockCluster;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ApiCapabilitiesTest {

    @Test
    void anAbsentApiIsAskedAboutAgainAfterTheRecheckInterval() {
        try (MockCluster cluster = MockCluster.serving("apps/v1", "policy/v1")) {
            MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
            ApiCapabilities capabilities = new ApiCapabilities(cluster.client(), Duration.ofMinutes(1), clock);

            assertThat(capabilities.serves(OptionalApi.POLICY_V1)).isTrue();
            assertThat(capabilities.serves(OptionalApi.AUTOSCALING_V2)).isFalse();
            assertThat(capabilities.serves(OptionalApi.MONITORING_V1)).isFalse();

            MockCluster.installServiceMonitorCrd(cluster.client());
            assertThat(capabilities.serves(OptionalApi.MONITORING_V1)).as("within the recheck interval").isFalse();

            clock.advance(Duration.ofMinutes(1));
            assertThat(capabilities.serves(OptionalApi.MONITORING_V1)).isTrue();
            assertThat(capabilities.probeAll()).containsEntry(OptionalApi.MONITORING_V1, true)
                    .containsEntry(OptionalApi.AUTOSCALING_V2, false).containsEntry(OptionalApi.DISCOVERY_V1, false);
        }
    }

    @Test
    void featuresAskedForOnAClusterWithoutTheirApiAreNamed() {
        var spec = io.balance.operator.Fixtures.autoscaled().getSpec();
        assertThat(FeatureAvailability.unavailable(spec, api -> true)).isEmpty();
        assertThat(FeatureAvailability.unavailable(spec, api -> api != OptionalApi.POLICY_V1)).singleElement().asString()
                .isEqualTo("spec.podDisruptionBudget: the cluster does not serve policy/v1 PodDisruptionBudget; no disruption budget was created");
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
