package io.balance.operator.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EndpointSyncSettingsTest {

    @Test
    void defaultsToATenSecondGraceAndPoll() {
        EndpointSyncSettings settings = EndpointSyncSettings.fromEnvironment(Map.of());

        assertThat(settings.emptyGrace()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.pollInterval()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void readsGoStyleDurationsFromTheEnvironment() {
        EndpointSyncSettings settings = EndpointSyncSettings.fromEnvironment(
                Map.of("ENDPOINTS_EMPTY_GRACE", "30s", "ENDPOINTS_STATUS_POLL", "500ms"));

        assertThat(settings.emptyGrace()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.pollInterval()).isEqualTo(Duration.ofMillis(500));
    }
}
