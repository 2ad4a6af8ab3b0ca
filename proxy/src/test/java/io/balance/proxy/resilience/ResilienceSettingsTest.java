package io.balance.proxy.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.balance.api.config.ConfigLoader;
import org.junit.jupiter.api.Test;

class ResilienceSettingsTest {
    private static ResilienceSettings load(String yaml) throws Exception {
        return ResilienceSettings.of(ConfigLoader.yaml().parse(yaml, "test").config());
    }

    @Test
    void retriesOnlyTheListedStatuses() throws Exception {
        ResilienceSettings.Retry retry = load("resilience: {retry: {retry_on: [500, 503, 599]}}").retry();
        assertThat(retry.retriesStatus(500)).isTrue();
        assertThat(retry.retriesStatus(503)).isTrue();
        assertThat(retry.retriesStatus(599)).isTrue();
        assertThat(retry.retriesStatus(502)).isFalse();
        assertThat(retry.retriesStatus(404)).isFalse();
        assertThat(retry.retriesStatus(600)).isFalse();
    }

    @Test
    void disabledRetriesMeanOneAttempt() throws Exception {
        assertThat(load("resilience: {retry: {enabled: false, max_attempts: 5}}").retry().maxAttempts()).isEqualTo(1);
        assertThat(load("resilience: {retry: {max_attempts: 5}}").retry().maxAttempts()).isEqualTo(5);
    }
}
