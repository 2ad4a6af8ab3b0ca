package io.balance.proxy.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The body of a versioned admin write: {@code {"version": N, "<field>": ...}}. Parsing collects
 * every problem (bad JSON, missing or negative version, wrong payload shape, unknown keys).
 */
record VersionedRequest(long version, JsonNode payload, List<String> problems) {

    static VersionedRequest parse(ObjectMapper json, String body, String field, Predicate<JsonNode> shape, String hint) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JsonProcessingException e) {
            return new VersionedRequest(-1, null, List.of("body is not valid JSON: " + e.getOriginalMessage()));
        }
        if (root == null || !root.isObject()) {
            return new VersionedRequest(-1, null, List.of("body must be a JSON object with \"version\" and \"" + field + "\""));
        }
        List<String> problems = new ArrayList<>();
        JsonNode version = root.get("version");
        if (version == null || !version.isIntegralNumber() || !version.canConvertToLong() || version.asLong() < 0) {
            problems.add("version: required, a whole number >= 0 that grows with every change");
        }
        JsonNode payload = root.get(field);
        if (payload == null || !shape.test(payload)) {
            problems.add(field + ": required, " + hint);
        }
        root.fieldNames().forEachRemaining(name -> {
            if (!name.equals("version") && !name.equals(field)) {
                problems.add(name + ": unknown key; valid keys: version, " + field);
            }
        });
        return new VersionedRequest(problems.isEmpty() ? version.asLong() : -1, payload, List.copyOf(problems));
    }

    boolean valid() {
        return problems.isEmpty();
    }
}
