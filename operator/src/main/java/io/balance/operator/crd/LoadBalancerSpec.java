package io.balance.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

/** {@code load_balancer} of the proxy config. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LoadBalancerSpec(
        @SchemaFrom(type = Enums.Algorithm.class) String algorithm,
        @Pattern(Patterns.HASH_KEY) String hashKey,
        @Min(1) @Max(10000) Integer virtualNodes,
        @Min(value = 1.0, inclusive = false) @Max(100) Double loadFactor,
        @Pattern(Patterns.DURATION) String slowStartWindow) {
}
