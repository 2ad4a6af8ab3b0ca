package io.balance.operator.validation;

import static io.balance.operator.validation.RuleTesting.errors;
import static io.balance.operator.validation.RuleTesting.warnings;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AvailabilityRuleTest {
    private final AvailabilityRule rule = new AvailabilityRule();

    @Test
    void warnsAboutASingleFixedReplica() {
        assertThat(warnings(rule, s -> s.put("replicas", 1))).singleElement().asString()
                .startsWith("spec.replicas: a single proxy pod");
        assertThat(errors(rule, s -> s.put("replicas", 1))).isEmpty();
    }

    @Test
    void aSingleReplicaUnderAutoscalingIsTheAutoscalersBusiness() {
        assertThat(warnings(rule, s -> s.put("replicas", 1).putObject("autoscaling").put("maxReplicas", 3))).isEmpty();
    }

    @Test
    void warnsWhenNoActiveHealthCheckRuns() {
        assertThat(warnings(rule, s -> s.remove("healthCheck"))).singleElement().asString()
                .startsWith("spec.healthCheck: no active health check");
        assertThat(warnings(rule, s -> s.withObjectProperty("healthCheck").put("enabled", false))).hasSize(1);
    }

    @Test
    void theQuickstartRaisesNoWarning() {
        assertThat(warnings(rule, s -> { })).isEmpty();
    }
}
