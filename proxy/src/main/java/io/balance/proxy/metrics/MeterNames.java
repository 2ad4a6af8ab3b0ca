package io.balance.proxy.metrics;

/**
 * Every meter name the proxy exports, in Micrometer's dotted spelling. The Prometheus names
 * (a contract with the dashboard and the alerts) are these with dots as underscores, plus
 * {@code _total} for counters and {@code _seconds} for timers.
 */
public final class MeterNames {
    public static final String HTTP_REQUESTS = "balance.http.requests";
    public static final String HTTP_REQUEST_DURATION = "balance.http.request.duration";
    public static final String BACKEND_HEALTHY = "balance.backend.healthy";
    public static final String BACKEND_ACTIVE_REQUESTS = "balance.backend.active.requests";
    public static final String ACTIVE_CONNECTIONS = "balance.active.connections";
    public static final String CIRCUIT_BREAKER_STATE = "balance.circuit.breaker.state";
    public static final String BACKEND_RETRIES = "balance.backend.retries";
    public static final String TCP_CONNECTIONS = "balance.tcp.connections";
    public static final String BYTES = "balance.bytes";
    public static final String REJECTED_REQUESTS = "balance.rejected.requests";
    public static final String CONFIG_RELOADS = "balance.config.reloads";
    public static final String BACKENDS_VERSION = "balance.backends.version";
    public static final String PANIC_MODE = "balance.panic.mode";
    public static final String BACKEND_EJECTIONS = "balance.backend.ejections";
    public static final String PANIC_ROUTED = "balance.panic.routed";
    public static final String RETRY_BUDGET_EXHAUSTED = "balance.retry.budget.exhausted";

    public static final String TAG_BACKEND = "backend";
    public static final String TAG_METHOD = "method";
    public static final String TAG_CODE = "code";
    public static final String TAG_DIRECTION = "direction";
    public static final String TAG_REASON = "reason";
    public static final String TAG_RESULT = "result";

    private MeterNames() {
    }
}
