package io.balance.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code resilience} of the proxy config. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResilienceSpec(CircuitBreakerSpec circuitBreaker, RetrySpec retry, LimitsSpec limits) {
}
