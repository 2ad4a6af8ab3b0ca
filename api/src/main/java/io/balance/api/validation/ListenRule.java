package io.balance.api.validation;

import io.balance.api.config.AdminConfig;
import io.balance.api.config.HostPort;
import io.balance.api.config.ProxyConfig;

/**
 * The traffic and admin listeners: parseable, and not on the same port. The admin listener
 * also serves the metrics; the original format's {@code metrics.listen} names it when
 * {@code admin.listen} is not set, and must agree with {@code admin.listen} when both are.
 */
final class ListenRule implements Rule {
    private static final FieldPath ADMIN_LISTEN = FieldPath.of("admin", "listen");
    private static final FieldPath METRICS_LISTEN = FieldPath.of("metrics", "listen");

    @Override
    public void check(ProxyConfig config, Problems problems) {
        HostPort listen = parse(config.listen(), FieldPath.of("listen"), problems);
        String metricsText = config.metrics().listen();
        String adminText = config.admin().listen();
        HostPort metrics = metricsText == null ? null : parse(metricsText, METRICS_LISTEN, problems);
        // admin.listen unset (or spelled the same): the admin listener is the metrics address, checked once
        boolean adminFromMetrics = metricsText != null && metricsText.equals(adminText);
        FieldPath adminPath = adminFromMetrics ? METRICS_LISTEN : ADMIN_LISTEN;
        HostPort admin = adminFromMetrics ? metrics : parse(adminText, ADMIN_LISTEN, problems);
        if (!adminFromMetrics && metrics != null && admin != null && !metrics.equals(admin)) {
            problems.error(METRICS_LISTEN, "metrics are served on the admin listener (admin.listen: \"" + adminText
                    + "\"); remove metrics.listen or set it to the same address");
        }
        if (listen != null && admin != null && listen.port() == admin.port()
                && (listen.anyHost() || admin.anyHost() || listen.host().equals(admin.host()))) {
            // admin.listen is filled in when not written, so the user may never have seen this port
            String whose = metricsText == null && AdminConfig.DEFAULT_LISTEN.equals(adminText)
                    ? " (the default admin.listen, \"" + AdminConfig.DEFAULT_LISTEN + "\")" : "";
            problems.error(adminPath, "port " + admin.port() + whose
                    + " clashes with the traffic listener (listen: \"" + config.listen() + "\"); give the admin API its own port, e.g. \":"
                    + freePortBeside(listen.port()) + "\"");
        }
    }

    /** The default admin port, or the one after it when the traffic listener has taken it. */
    private static int freePortBeside(int trafficPort) {
        int adminDefault = HostPort.parse(AdminConfig.DEFAULT_LISTEN).port();
        return trafficPort == adminDefault ? adminDefault + 1 : adminDefault;
    }

    private static HostPort parse(String text, FieldPath path, Problems problems) {
        try {
            return HostPort.parse(text);
        } catch (IllegalArgumentException e) {
            problems.error(path, e.getMessage());
            return null;
        }
    }
}
