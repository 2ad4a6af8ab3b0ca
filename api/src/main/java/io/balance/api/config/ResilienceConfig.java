package io.balance.api.config;

/** {@code resilience}: circuit breakers, retries and per-backend limits. */
public record ResilienceConfig(CircuitBreakerConfig circuitBreaker, RetryConfig retry, LimitsConfig limits) {

    public ResilienceConfig {
        circuitBreaker = circuitBreaker == null ? CircuitBreakerConfig.defaults() : circuitBreaker;
        retry = retry == null ? RetryConfig.defaults() : retry;
        limits = limits == null ? LimitsConfig.defaults() : limits;
    }

    public static ResilienceConfig defaults() {
        return new ResilienceConfig(null, null, null);
    }
}
