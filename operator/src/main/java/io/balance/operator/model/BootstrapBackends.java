package io.balance.operator.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.balance.api.config.BackendConfig;
import io.balance.operator.admin.BackendEntry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The last endpoint set given to the pods, kept in the ConfigMap so that a pod starting while the
 * operator is down can still serve. Stored under {@code bootstrap-backends.json} in the
 * {@code PUT /backends} shape ({@code {"version":N,"backends":[{"name","address",...}]}}), where the
 * operator reads it back after a restart, and rendered into the config file's {@code backends:}
 * list, which is what the proxy serves until a push supersedes it. It never feeds the restart hash.
 */
public record BootstrapBackends(long version, List<BackendEntry> backends) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public BootstrapBackends {
        backends = List.copyOf(backends);
    }

    public static BootstrapBackends empty() {
        return new BootstrapBackends(0, List.of());
    }

    /** A set of plain addresses, each named after itself. */
    public static BootstrapBackends ofAddresses(long version, List<String> addresses) {
        return new BootstrapBackends(version, addresses.stream().map(a -> BackendEntry.of(a, a)).toList());
    }

    public List<String> addresses() {
        return backends.stream().map(BackendEntry::address).toList();
    }

    /** The set as the config file's {@code backends} list. */
    public List<BackendConfig> asConfig() {
        return backends.stream().map(b -> new BackendConfig(b.name(), b.address(), b.weight(), b.maxConnections())).toList();
    }

    public String toJson() {
        ObjectNode root = JSON.createObjectNode().put("version", version);
        var list = root.putArray("backends");
        backends.forEach(b -> list.addObject().put("name", b.name()).put("address", b.address())
                .put("weight", b.weight()).put("max_connections", b.maxConnections()));
        return root.toString();
    }

    /** Parses a stored value; anything unreadable counts as no set at all. */
    public static BootstrapBackends parse(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            JsonNode root = JSON.readTree(json);
            List<BackendEntry> backends = new ArrayList<>();
            for (JsonNode backend : root.path("backends")) {
                if (backend.hasNonNull("address")) {
                    String address = backend.get("address").asText();
                    backends.add(new BackendEntry(backend.path("name").asText(address), address,
                            backend.path("weight").asInt(1), backend.path("max_connections").asInt(0)));
                }
            }
            return new BootstrapBackends(root.path("version").asLong(0), backends);
        } catch (IOException e) {
            return null;
        }
    }
}
