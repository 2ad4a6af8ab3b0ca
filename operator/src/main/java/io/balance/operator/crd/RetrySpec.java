package io.balance.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import java.util.List;

/** {@code resilience.retry}; {@code maxAttempts} counts all attempts (1 = no retry). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RetrySpec(
        Boolean enabled,
        @Min(1) @Max(10) Integer maxAttempts,
        @Pattern(Patterns.DURATION) String initialDelay,
        @Pattern(Patterns.DURATION) String maxDelay,
        @Min(1) @Max(10) Double multiplier,
        @Min(0) @Max(1) Double jitter,
        List<Integer> retryOn,
        @Min(0) @Max(100) Integer budgetPercent,
        @Min(0) Integer minRetries) {
}
