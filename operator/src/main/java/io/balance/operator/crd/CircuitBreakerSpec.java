package io.balance.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

/** {@code resilience.circuit_breaker}, per backend. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CircuitBreakerSpec(
        Boolean enabled,
        @Min(1) @Max(100000) Integer maxFailures,
        @Pattern(Patterns.DURATION) String timeout,
        @Min(1) @Max(1000) Integer maxConcurrentRequests) {
}
