package io.balance.api.validation;

import io.balance.api.config.ProxyConfig;
import java.util.Set;

/** Transport and metrics settings. */
final class RuntimeRule implements Rule {
    private static final Set<String> TRANSPORTS = Set.of("auto", "io_uring", "epoll", "nio");
    private static final Set<String> ADMIN_PATHS = Set.of("/health", "/ready", "/status", "/version", "/backends", "/config", "/drain");

    @Override
    public void check(ProxyConfig config, Problems problems) {
        if (!TRANSPORTS.contains(config.transport().type())) {
            problems.error(FieldPath.of("transport", "type"), "unknown transport \"" + config.transport().type() + "\"; valid: auto, io_uring, epoll, nio");
        }
        Checks.range(problems, FieldPath.of("transport", "eventLoops"), config.transport().eventLoops(), 0, 256);
        String path = config.metrics().path();
        if (!path.startsWith("/") || path.length() < 2) {
            problems.error(FieldPath.of("metrics", "path"), "must start with / and name a path, e.g. /metrics");
        } else if (ADMIN_PATHS.contains(path)) {
            problems.error(FieldPath.of("metrics", "path"), path + " is already an admin API endpoint");
        }
    }
}
