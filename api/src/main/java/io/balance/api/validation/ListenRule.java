package io.balance.api.validation;

import io.balance.api.config.HostPort;
import io.balance.api.config.ProxyConfig;

/** The traffic and admin listeners: parseable, and not on the same port. */
final class ListenRule implements Rule {
    @Override
    public void check(ProxyConfig config, Problems problems) {
        HostPort listen = parse(config.listen(), FieldPath.of("listen"), problems);
        HostPort admin = parse(config.admin().listen(), FieldPath.of("admin", "listen"), problems);
        if (listen != null && admin != null && listen.port() == admin.port()
                && (listen.anyHost() || admin.anyHost() || listen.host().equals(admin.host()))) {
            problems.error(FieldPath.of("admin", "listen"), "port " + admin.port()
                    + " clashes with the traffic listener (listen: \"" + config.listen() + "\"); give the admin API its own port, e.g. \":9090\"");
        }
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
