package io.balance.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Pattern;

/** {@code timeouts} of the proxy config, as Go durations (5s, 100ms). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TimeoutsSpec(
        @Pattern(Patterns.DURATION) String connect,
        @Pattern(Patterns.DURATION) String read,
        @Pattern(Patterns.DURATION) String write,
        @Pattern(Patterns.DURATION) String idle,
        @Pattern(Patterns.DURATION) String request) {
}
