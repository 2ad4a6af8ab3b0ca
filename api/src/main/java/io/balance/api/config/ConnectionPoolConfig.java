package io.balance.api.config;

import java.time.Duration;

/**
 * {@code connection_pool}: the original format's backend connection pool switch. Balance always
 * pools backend connections in http mode, sized by {@code http.max_idle_conns_per_host} and
 * aged by {@code http.idle_conn_timeout}, so this section is a tuning knob: accepted, with a
 * warning when {@code enabled: true}, and otherwise without effect.
 */
public record ConnectionPoolConfig(Boolean enabled, Integer maxSize, Duration maxIdleTime) {

    public ConnectionPoolConfig {
        enabled = enabled != null && enabled;
    }

    public static ConnectionPoolConfig defaults() {
        return new ConnectionPoolConfig(null, null, null);
    }
}
