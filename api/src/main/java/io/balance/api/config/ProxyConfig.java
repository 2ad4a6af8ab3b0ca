package io.balance.api.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The whole proxy configuration: one immutable snapshot. The file spells it in snake_case
 * (the original Balance format), the BalanceProxy CR in camelCase; both map onto this model.
 * {@code rate_limit}, {@code access_log} and {@code proxy_protocol} are recognised so that the
 * validator can say "not supported yet" instead of "unknown key".
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
        JsonNode proxyProtocol) {

    public ProxyConfig {
        mode = mode == null ? Mode.HTTP : mode;
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
        transport = transport == null ? TransportConfig.defaults() : transport;
        shutdown = shutdown == null ? ShutdownConfig.defaults() : shutdown;
    }

    /** Every key at its default: what an empty file means. */
    public static ProxyConfig empty() {
        return new ProxyConfig(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null);
    }

    public ProxyConfig withBackends(List<BackendConfig> newBackends) {
        return new ProxyConfig(mode, listen, dynamicBackends, newBackends, loadBalancer, healthCheck, resilience,
                timeouts, tls, http, metrics, admin, transport, shutdown, rateLimit, accessLog, proxyProtocol);
    }

    public ProxyConfig withListen(String newListen, String newAdminListen) {
        return new ProxyConfig(mode, newListen, dynamicBackends, backends, loadBalancer, healthCheck, resilience,
                timeouts, tls, http, metrics, new AdminConfig(newAdminListen, admin.tokenFile()), transport, shutdown,
                rateLimit, accessLog, proxyProtocol);
    }
}
