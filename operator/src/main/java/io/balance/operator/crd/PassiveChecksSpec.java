package io.balance.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

/** {@code health_check.passive_checks}: ejecting backends that fail real traffic. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PassiveChecksSpec(
        Boolean enabled,
        @Min(1) @Max(1000) Integer consecutiveFailures,
        @Min(0) @Max(1) Double errorRateThreshold,
        @Pattern(Patterns.DURATION) String window,
        @Min(1) Integer errorRateMinRequests,
        @Pattern(Patterns.DURATION) String ejectionTime,
        @Pattern(Patterns.DURATION) String maxEjectionTime,
        @Min(0) @Max(100) Integer maxEjectionPercent) {
}
