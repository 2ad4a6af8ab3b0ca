package io.balance.operator.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The last known endpoint set, kept in the ConfigMap beside the config so that a pod starting
 * while the operator is down can still serve. Same shape as the admin API's
 * {@code PUT /backends} body: {@code {"version":N,"backends":[{"address":"..."}]}}. Pushes
 * supersede it; it never feeds the restart hash.
 */
public record BootstrapBackends(long version, List<String> addresses) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public BootstrapBackends {
        addresses = List.copyOf(addresses);
    }

    public static BootstrapBackends empty() {
        return new BootstrapBackends(0, List.of());
    }

    public String toJson() {
        ObjectNode root = JSON.createObjectNode().put("version", version);
        var list = root.putArray("backends");
        addresses.forEach(a -> list.addObject().put("address", a));
        return root.toString();
    }

    /** Parses a stored value; anything unreadable counts as no set at all. */
    public static BootstrapBackends parse(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            JsonNode root = JSON.readTree(json);
            List<String> addresses = new ArrayList<>();
            for (JsonNode backend : root.path("backends")) {
                if (backend.hasNonNull("address")) {
                    addresses.add(backend.get("address").asText());
                }
            }
            return new BootstrapBackends(root.path("version").asLong(0), addresses);
        } catch (IOException e) {
            return null;
        }
    }
}
