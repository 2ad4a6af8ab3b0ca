package io.balance.proxy.backend;

/** Where a backend stands. Only {@link #HEALTHY} backends take new traffic (outside panic mode). */
public enum BackendState {
    /** Passing active checks (or none configured) and not ejected. */
    HEALTHY,
    /** Failed {@code unhealthy_threshold} active probes in a row. */
    UNHEALTHY,
    /** Ejected by passive outlier detection until its ejection time runs out. */
    EJECTED,
    /** Removed from the set or the proxy is shutting down: in-flight work finishes, nothing new. */
    DRAINING
}
