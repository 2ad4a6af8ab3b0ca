package io.balance.api.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The whole proxy configuration: one immutable snapshot. The file spells it in snake_case
 * (the original Balance format), the BalanceProxy CR in camelCase; both map onto this model.
 * {@code mode} defaults to {@code tcp}, as in the original. {@code rate_limit},
 * {@code access_log} and {@code proxy_protocol} are recognised so that the validator can say
 * "not supported yet" instead of "unknown key"; so are the original format's {@code security},
 * {@code transform}, {@code tracing}, {@code logging} and {@code connection_pool} sections.
 *
 * <p>The admin listener also serves the metrics. Its address is resolved here: {@code admin.listen}
 * if set, else the original format's {@code metrics.listen} if set, else {@code ":9090"}.
 */
public record ProxyConfig(
        Mode mode,
        String listen,
        Boolean dynamicBackends,
        List<BackendConfig> backends,
        LoadBalancerConfig loadBalancer,
        HealthCheckConfig healthCheck,
        ResilienceConfig resilience,
        TimeoutsConfig timeouts,
        TlsConfig tls,
        HttpConfig http,
        MetricsConfig metrics,
        AdminConfig admin,
        TransportConfig transport,
        ShutdownConfig shutdown,
        JsonNode rateLimit,
        JsonNode accessLog,
        JsonNode proxyProtocol,
        SecurityConfig security,
        JsonNode transform,
        TracingConfig tracing,
        LoggingConfig logging,
        ConnectionPoolConfig connectionPool) {

    public ProxyConfig {
        mode = mode == null ? Mode.TCP : mode;
        listen = listen == null ? ":8080" : listen;
        dynamicBackends = dynamicBackends != null && dynamicBackends;
        backends = backends == null ? List.of() : Lists.copyOf(backends);
        loadBalancer = loadBalancer == null ? LoadBalancerConfig.defaults() : loadBalancer;
        healthCheck = healthCheck == null ? HealthCheckConfig.defaults() : healthCheck;
        resilience = resilience == null ? ResilienceConfig.defaults() : resilience;
        timeouts = timeouts == null ? TimeoutsConfig.defaults() : timeouts;
        tls = tls == null ? TlsConfig.defaults() : tls;
        http = http == null ? HttpConfig.defaults() : http;
        metrics = metrics == null ? MetricsConfig.defaults() : metrics;
        admin = admin == null ? AdminConfig.defaults() : admin;
        if (admin.listen() == null) {
            admin = new AdminConfig(metrics.listen() != null ? metrics.listen() : AdminConfig.DEFAULT_LISTEN, admin.tokenFile());
        }
        transport = transport == null ? TransportConfig.defaults() : transport;
        shutdown = shutdown == null ? ShutdownConfig.defaults() : shutdown;
        security = security == null ? SecurityConfig.defaults() : security;
        tracing = tracing == null ? TracingConfig.defaults() : tracing;
        logging = logging == null ? LoggingConfig.defaults() : logging;
        connectionPool = connectionPool == null ? ConnectionPoolConfig.defaults() : connectionPool;
    }

    /** Every key at its default: what an empty file means. */
    public static ProxyConfig empty() {
        return new ProxyConfig(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null);
    }

    public ProxyConfig withBackends(List<BackendConfig> newBackends) {
        return new ProxyConfig(mode, listen, dynamicBackends, newBackends, loadBalancer, healthCheck, resilience,
                timeouts, tls, http, metrics, admin, transport, shutdown, rateLimit, accessLog, proxyProtocol,
                security, transform, tracing, logging, connectionPool);
    }

    /**
     * The same config on other listeners (tests bind ephemeral ports). A null admin address
     * resolves as in the file: {@code metrics.listen}, else {@code ":9090"}. The new admin
     * address also replaces {@code metrics.listen}, so the two cannot disagree.
     */
    public ProxyConfig withListen(String newListen, String newAdminListen) {
        MetricsConfig newMetrics = metrics.listen() == null || newAdminListen == null
                ? metrics
                : new MetricsConfig(metrics.enabled(), newAdminListen, metrics.path());
        return new ProxyConfig(mode, newListen, dynamicBackends, backends, loadBalancer, healthCheck, resilience,
                timeouts, tls, http, newMetrics, new AdminConfig(newAdminListen, admin.tokenFile()), transport, shutdown,
                rateLimit, accessLog, proxyProtocol, security, transform, tracing, logging, connectionPool);
    }

    /** The same config reading the admin bearer token from another file. */
    public ProxyConfig withAdminTokenFile(String tokenFile) {
        return new ProxyConfig(mode, listen, dynamicBackends, backends, loadBalancer, healthCheck, resilience,
                timeouts, tls, http, metrics, new AdminConfig(admin.listen(), tokenFile), transport, shutdown,
                rateLimit, accessLog, proxyProtocol, security, transform, tracing, logging, connectionPool);
    }
}
