package io.balance.api.validation;

import io.balance.api.config.BackendConfig;
import io.balance.api.config.HostPort;
import io.balance.api.config.ProxyConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The backend list: present unless dynamic, valid addresses, unique names, sane weights. */
final class BackendsRule implements Rule {
    static final int MAX_WEIGHT = 10_000;

    @Override
    public void check(ProxyConfig config, Problems problems) {
        if (config.backends().isEmpty() && !config.dynamicBackends()) {
            problems.error(FieldPath.of("backends"), "at least one backend is required"
                    + " (or set dynamic_backends: true to have the admin API fill the list)");
        }
        checkList(config.backends(), FieldPath.of("backends"), problems);
    }

    /** Also used for sets pushed over the admin API. */
    static void checkList(List<BackendConfig> backends, FieldPath base, Problems problems) {
        Map<String, Integer> names = new HashMap<>();
        Map<String, Integer> addresses = new HashMap<>();
        for (int i = 0; i < backends.size(); i++) {
            BackendConfig backend = backends.get(i);
            FieldPath path = base.index(i);
            if (backend == null) {
                problems.error(path, "empty backend entry");
                continue;
            }
            if (backend.address() == null || backend.address().isBlank()) {
                problems.error(path.field("address"), "address is required, e.g. 10.0.0.5:8080");
            } else {
                try {
                    HostPort hostPort = HostPort.parse(backend.address());
                    if (hostPort.anyHost()) {
                        problems.error(path.field("address"), "address \"" + backend.address() + "\" has no host; use host:port");
                    }
                } catch (IllegalArgumentException e) {
                    problems.error(path.field("address"), e.getMessage());
                }
                Integer other = addresses.putIfAbsent(backend.address(), i);
                if (other != null) {
                    problems.error(path.field("address"), "address \"" + backend.address() + "\" is already used by backends[" + other + "]");
                }
            }
            if (backend.name() != null) {
                Integer other = names.putIfAbsent(backend.name(), i);
                // a name defaulted from a clashing address would only repeat the address error
                boolean repeatsAddressClash = backend.name().equals(backend.address())
                        && !Integer.valueOf(i).equals(addresses.get(backend.address()));
                if (other != null && !repeatsAddressClash) {
                    problems.error(path.field("name"), "name \"" + backend.name() + "\" is already used by backends[" + other + "]; names must be unique");
                }
            }
            Checks.range(problems, path.field("weight"), backend.weight(), 1, MAX_WEIGHT);
            if (backend.maxConnections() < 0) {
                problems.error(path.field("maxConnections"), "must be 0 (unlimited) or more; got " + backend.maxConnections());
            }
        }
    }
}
