package io.balance.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** A HorizontalPodAutoscaler (autoscaling/v2) on CPU. While set, it owns the replica count. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.minReplicas) || self.minReplicas <= self.maxReplicas",
        message = "minReplicas must not exceed maxReplicas")
public record AutoscalingSpec(
        @Min(1) Integer minReplicas,
        @Required @Min(1) Integer maxReplicas,
        @Min(1) Integer targetCPUUtilizationPercentage) {
}
