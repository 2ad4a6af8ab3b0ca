package io.balance.operator.validation;

import static io.balance.operator.validation.RuleTesting.errors;
import static io.balance.operator.validation.RuleTesting.warnings;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DisruptionBudgetRuleTest {
    private final DisruptionBudgetRule rule = new DisruptionBudgetRule();

    @Test
    void rejectsMaxUnavailableZeroBecauseNoDrainCouldEverFinish() {
        assertThat(errors(rule, s -> s.putObject("podDisruptionBudget").put("maxUnavailable", 0))).singleElement().asString()
                .startsWith("spec.podDisruptionBudget.maxUnavailable: 0 blocks every voluntary eviction");
        assertThat(errors(rule, s -> s.putObject("podDisruptionBudget").put("maxUnavailable", "0%"))).hasSize(1);
    }

    @Test
    void rejectsMinAvailableOfAHundredPercent() {
        assertThat(errors(rule, s -> s.putObject("podDisruptionBudget").put("minAvailable", "100%"))).singleElement().asString()
                .startsWith("spec.podDisruptionBudget.minAvailable: 100% blocks every voluntary eviction");
    }

    @Test
    void rejectsMinAvailableAboveEveryPodThatWillEverRun() {
        assertThat(errors(rule, s -> s.put("replicas", 2).putObject("podDisruptionBudget").put("minAvailable", 3)))
                .containsExactly("spec.podDisruptionBudget.minAvailable: must not exceed replicas (2); got 3: no pod could ever be evicted");
        assertThat(errors(rule, s -> {
            s.remove("replicas");
            s.putObject("autoscaling").put("minReplicas", 2).put("maxReplicas", 4);
            s.putObject("podDisruptionBudget").put("minAvailable", 5);
        })).singleElement().asString().contains("autoscaling.maxReplicas (4)");
    }

    @Test
    void warnsWhenTheBudgetBlocksEvictionsAtTheReplicaFloor() {
        assertThat(warnings(rule, s -> s.put("replicas", 1).putObject("podDisruptionBudget").put("minAvailable", 1)))
                .singleElement().asString()
                .startsWith("spec.podDisruptionBudget.minAvailable: 1 with replicas (1) blocks every voluntary eviction");
        assertThat(warnings(rule, s -> {
            s.remove("replicas");
            s.putObject("autoscaling").put("minReplicas", 2).put("maxReplicas", 4);
            s.putObject("podDisruptionBudget").put("minAvailable", 2);
        })).singleElement().asString().contains("autoscaling.minReplicas (2)");
    }

    @Test
    void acceptsABudgetThatLeavesRoomToEvict() {
        assertThat(errors(rule, s -> s.put("replicas", 3).putObject("podDisruptionBudget").put("minAvailable", 2))).isEmpty();
        assertThat(warnings(rule, s -> s.put("replicas", 3).putObject("podDisruptionBudget").put("minAvailable", 2))).isEmpty();
        assertThat(errors(rule, s -> s.putObject("podDisruptionBudget").put("maxUnavailable", 1))).isEmpty();
        assertThat(errors(rule, s -> s.putObject("podDisruptionBudget").put("minAvailable", "50%"))).isEmpty();
        assertThat(errors(rule, s -> { })).isEmpty();
    }
}
