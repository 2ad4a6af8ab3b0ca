package io.balance.operator.crd;

import static org.assertj.core.api.Assertions.assertThat;

import io.balance.api.config.CircuitBreakerConfig;
import io.balance.api.config.HealthCheckConfig;
import io.balance.api.config.HttpConfig;
import io.balance.api.config.LimitsConfig;
import io.balance.api.config.LoadBalancerConfig;
import io.balance.api.config.PassiveChecksConfig;
import io.balance.api.config.ResilienceConfig;
import io.balance.api.config.RetryConfig;
import io.balance.api.config.TimeoutsConfig;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The spec's proxy-behaviour sections are the config model in the resource's spelling: same
 * field names, so {@code spec.loadBalancer.algorithm} is {@code load_balancer.algorithm} and a
 * validator path needs no translation. A field added to one model and not the other fails here.
 */
class SpecMirrorsConfigModelTest {

    @Test
    void everySectionUsesTheConfigModelsNames() {
        assertMirrors(LoadBalancerSpec.class, LoadBalancerConfig.class, List.of());
        assertMirrors(HealthCheckSpec.class, HealthCheckConfig.class, List.of());
        assertMirrors(PassiveChecksSpec.class, PassiveChecksConfig.class, List.of());
        assertMirrors(ResilienceSpec.class, ResilienceConfig.class, List.of());
        assertMirrors(CircuitBreakerSpec.class, CircuitBreakerConfig.class, List.of());
        assertMirrors(RetrySpec.class, RetryConfig.class, List.of());
        assertMirrors(LimitsSpec.class, LimitsConfig.class, List.of());
        assertMirrors(TimeoutsSpec.class, TimeoutsConfig.class, List.of());
        // routes come in a later batch and stay file-only until then
        assertMirrors(HttpSpec.class, HttpConfig.class, List.of("routes"));
    }

    private static void assertMirrors(Class<? extends Record> spec, Class<? extends Record> config, List<String> fileOnly) {
        List<String> specNames = names(spec);
        List<String> configNames = names(config).stream().filter(n -> !fileOnly.contains(n)).toList();
        assertThat(specNames).as("%s mirrors %s", spec.getSimpleName(), config.getSimpleName())
                .containsExactlyElementsOf(configNames);
    }

    private static List<String> names(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
    }
}
