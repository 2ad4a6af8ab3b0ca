package io.balance.proxy.backend;

/**
 * The health view of one backend: active checks, passive ejection, circuit breaker and drain
 * combined into one answer for the balancer. The resilience package provides the real one.
 */
public interface BackendHealth {

    /** True when the backend may take new work. */
    boolean available();

    BackendState state();

    /** Why the backend is in its state, for /status and logs; empty when healthy. */
    String reason();

    /** Marks the backend draining (removed from the set or shutting down). */
    void drain();

    /**
     * Claims the right to send one request or connection; false when a half-open circuit
     * breaker has no trial slot left. Every successful claim is followed by exactly one
     * {@link #succeeded()} or {@link #failed(Failure)}.
     */
    default boolean tryAcquire() {
        return true;
    }

    /** The backend answered (any status below 500, or a 5xx that is not its fault). */
    default void succeeded() {
    }

    /** A claim given back without an outcome (the client went away first). */
    default void released() {
    }

    /** The backend failed this request or connection. */
    default void failed(Failure failure) {
    }

    /**
     * May the backend take traffic in panic mode (too few backends eligible)? Panic mode
     * overrides active and passive checks but not drain or an open circuit breaker.
     */
    default boolean panicCandidate() {
        return available();
    }

    /** The circuit breaker's state for {@code balance_circuit_breaker_state}: 0 closed, 1 open, 2 half-open. */
    default int circuitState() {
        return 0;
    }

    /** Passive ejections so far, for {@code balance_backend_ejections_total}. */
    default long ejections() {
        return 0;
    }

    /** What went wrong, for passive checks and the circuit breaker. */
    enum Failure {
        CONNECT,
        RESET,
        TIMEOUT,
        SERVER_ERROR
    }

    static BackendHealth alwaysHealthy() {
        return new BackendHealth() {
            private volatile boolean draining;

            @Override
            public boolean available() {
                return !draining;
            }

            @Override
            public BackendState state() {
                return draining ? BackendState.DRAINING : BackendState.HEALTHY;
            }

            @Override
            public String reason() {
                return draining ? "removed from the backend set" : "";
            }

            @Override
            public void drain() {
                draining = true;
            }
        };
    }
}
