package io.balance.proxy;

import io.balance.api.config.ProxyConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The keys that only a restart can change: they shape sockets and threads, not traffic. */
final class RestartKeys {
    private RestartKeys() {
    }

    static List<String> changed(ProxyConfig current, ProxyConfig next) {
        List<String> keys = new ArrayList<>();
        compare(keys, "mode", current.mode(), next.mode());
        compare(keys, "listen", current.listen(), next.listen());
        compare(keys, "admin.listen", current.admin().listen(), next.admin().listen());
        compare(keys, "transport.type", current.transport().type(), next.transport().type());
        compare(keys, "transport.event_loops", current.transport().eventLoops(), next.transport().eventLoops());
        compare(keys, "tls", current.tls(), next.tls());
        return keys;
    }

    private static void compare(List<String> keys, String key, Object a, Object b) {
        if (!Objects.equals(a, b)) {
            keys.add(key);
        }
    }
}
