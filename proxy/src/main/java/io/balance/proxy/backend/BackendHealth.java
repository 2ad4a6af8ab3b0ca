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
