package io.balance.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

/** {@code health_check} of the proxy config: active probes plus passive outlier detection. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HealthCheckSpec(
        Boolean enabled,
        @SchemaFrom(type = Enums.HealthCheckType.class) String type,
        @Pattern(Patterns.DURATION) String interval,
        @Pattern(Patterns.DURATION) String timeout,
        @Pattern("^/.*") String path,
        String host,
        String expectedStatus,
        @Min(1) @Max(100) Integer healthyThreshold,
        @Min(1) @Max(100) Integer unhealthyThreshold,
        @Min(0) @Max(0.5) Double jitter,
        @Min(0) @Max(100) Integer panicThreshold,
        PassiveChecksSpec passiveChecks) {
}
