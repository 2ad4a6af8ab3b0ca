package io.balance.operator.webhook;

import java.time.Duration;
import java.util.Map;

/**
 * How the admission webhook runs, from the environment:
 * {@code WEBHOOK_ENABLED} (default true), {@code WEBHOOK_PORT} (9443),
 * {@code WEBHOOK_SERVICE} (the Service in front of the operator, default balance-operator-webhook),
 * {@code WEBHOOK_SECRET} (the certificate Secret, default balance-operator-webhook-tls),
 * {@code WEBHOOK_CONFIGURATION} (the ValidatingWebhookConfiguration's name, default balance-operator),
 * {@code WEBHOOK_CERT_MANAGER} (true: cert-manager writes the Secret and injects the caBundle, the
 * operator only loads it), {@code WEBHOOK_URL} (instead of the Service: a URL the API server calls,
 * for API servers outside the cluster, e.g. tests). {@code namespace} is the operator's own. A new
 * certificate is served {@code reloadDelay} after it appears in the Secret, so API servers have
 * picked up the caBundle that trusts it.
 */
public record WebhookSettings(boolean enabled, int port, String namespace, String serviceName, String secretName,
        String configurationName, boolean certManager, String url, Duration certificateValidity, Duration checkInterval,
        Duration reloadDelay) {
    public static final String DEFAULT_SERVICE = "balance-operator-webhook";
    public static final String DEFAULT_SECRET = "balance-operator-webhook-tls";
    public static final String DEFAULT_CONFIGURATION = "balance-operator";
    public static final int DEFAULT_PORT = 9443;

    public static WebhookSettings fromEnvironment(Map<String, String> env, String namespace) {
        return new WebhookSettings(
                !"false".equalsIgnoreCase(env.getOrDefault("WEBHOOK_ENABLED", "true").trim()),
                Integer.parseInt(env.getOrDefault("WEBHOOK_PORT", String.valueOf(DEFAULT_PORT)).trim()),
                namespace == null ? "balance-system" : namespace,
                env.getOrDefault("WEBHOOK_SERVICE", DEFAULT_SERVICE).trim(),
                env.getOrDefault("WEBHOOK_SECRET", DEFAULT_SECRET).trim(),
                env.getOrDefault("WEBHOOK_CONFIGURATION", DEFAULT_CONFIGURATION).trim(),
                "true".equalsIgnoreCase(env.getOrDefault("WEBHOOK_CERT_MANAGER", "false").trim()),
                blankToNull(env.get("WEBHOOK_URL")),
                Duration.ofDays(365),
                Duration.ofSeconds(15),
                Duration.ofSeconds(30));
    }

    /** The names the serving certificate must cover. */
    public ServingNames servingNames() {
        if (url != null) {
            String host = java.net.URI.create(url).getHost();
            boolean ip = host.matches("[0-9.]+") || host.contains(":");
            return ip ? new ServingNames(java.util.List.of(), java.util.List.of(host.replace("[", "").replace("]", "")))
                    : new ServingNames(java.util.List.of(host), java.util.List.of());
        }
        return ServingNames.forService(serviceName, namespace);
    }

    public WebhookSettings withUrl(String newUrl) {
        return new WebhookSettings(enabled, port, namespace, serviceName, secretName, configurationName, certManager, newUrl,
                certificateValidity, checkInterval, reloadDelay);
    }

    public WebhookSettings withPort(int newPort) {
        return new WebhookSettings(enabled, newPort, namespace, serviceName, secretName, configurationName, certManager, url,
                certificateValidity, checkInterval, reloadDelay);
    }

    public WebhookSettings withTiming(Duration validity, Duration interval, Duration reload) {
        return new WebhookSettings(enabled, port, namespace, serviceName, secretName, configurationName, certManager, url,
                validity, interval, reload);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
