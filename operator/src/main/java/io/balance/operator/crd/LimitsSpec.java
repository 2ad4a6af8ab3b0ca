package io.balance.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** {@code resilience.limits}: per-backend caps. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LimitsSpec(
        @Min(1) @Max(1000000) Integer maxConnections,
        @Min(1) @Max(1000000) Integer maxPendingRequests,
        @Min(1) @Max(1000000) Integer maxRequests) {
}
