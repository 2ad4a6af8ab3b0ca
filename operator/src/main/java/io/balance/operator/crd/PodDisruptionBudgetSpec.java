package io.balance.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.IntOrString;

/** A PodDisruptionBudget (policy/v1): exactly one of minAvailable and maxUnavailable. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.minAvailable) != has(self.maxUnavailable)",
        message = "set exactly one of minAvailable and maxUnavailable")
public record PodDisruptionBudgetSpec(IntOrString minAvailable, IntOrString maxUnavailable) {
}
