package io.balance.operator.crd;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.crd.generator.annotation.SchemaFrom;

/**
 * One status condition, in the Kubernetes convention. {@code lastTransitionTime} moves only
 * when {@code status} flips; {@code observedGeneration} is the generation it was computed for.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Condition(
        String type,
        @SchemaFrom(type = ConditionStatus.class) String status,
        String reason,
        String message,
        Long observedGeneration,
        String lastTransitionTime) {

    public static final String ACCEPTED = "Accepted";
    public static final String PROGRAMMED = "Programmed";
    public static final String READY = "Ready";
    public static final String DEGRADED = "Degraded";

    public static final String TRUE = "True";
    public static final String FALSE = "False";
    public static final String UNKNOWN = "Unknown";

    @JsonIgnore
    public boolean isTrue() {
        return TRUE.equals(status);
    }

    /** The allowed values of {@code status}, for the schema. */
    public enum ConditionStatus {
        True,
        False,
        Unknown
    }
}
