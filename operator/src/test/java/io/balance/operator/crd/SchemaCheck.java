package io.balance.operator.crd;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A small checker for the structural-schema subset our CRD uses (types, properties, required,
 * enum, pattern, minimum/maximum, items, maps, int-or-string). Enough to show which values an
 * API server would reject, without one; unknown fields are reported (a server would prune them).
 */
final class SchemaCheck {
    private final List<String> errors = new ArrayList<>();

    static List<String> check(JsonNode schema, JsonNode value) {
        SchemaCheck check = new SchemaCheck();
        check.visit(schema, value, "");
        return check.errors;
    }

    private void visit(JsonNode schema, JsonNode value, String path) {
        if (value == null || value.isNull()) {
            return;
        }
        if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
            if (!value.isInt() && !value.isTextual()) {
                errors.add(path + ": must be an integer or a string");
            }
            return;
        }
        if (schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false) && !schema.has("properties")) {
            return;
        }
        String type = schema.path("type").asText("");
        switch (type) {
            case "object" -> object(schema, value, path);
            case "array" -> {
                if (!value.isArray()) {
                    errors.add(path + ": must be a list");
                    return;
                }
                for (int i = 0; i < value.size(); i++) {
                    visit(schema.get("items"), value.get(i), path + "[" + i + "]");
                }
            }
            case "string" -> string(schema, value, path);
            case "integer", "number" -> number(schema, value, path, type.equals("integer"));
            case "boolean" -> {
                if (!value.isBoolean()) {
                    errors.add(path + ": must be true or false");
                }
            }
            default -> { }
        }
    }

    private void object(JsonNode schema, JsonNode value, String path) {
        if (!value.isObject()) {
            errors.add(path + ": must be an object");
            return;
        }
        for (JsonNode required : schema.path("required")) {
            if (!value.has(required.asText())) {
                errors.add(path + "." + required.asText() + ": required");
            }
        }
        JsonNode properties = schema.get("properties");
        JsonNode additional = schema.get("additionalProperties");
        for (Map.Entry<String, JsonNode> field : value.properties()) {
            String child = path + "." + field.getKey();
            if (properties != null && properties.has(field.getKey())) {
                visit(properties.get(field.getKey()), field.getValue(), child);
            } else if (additional != null && additional.isObject()) {
                visit(additional, field.getValue(), child);
            } else {
                errors.add(child + ": unknown field");
            }
        }
    }

    private void string(JsonNode schema, JsonNode value, String path) {
        if (!value.isTextual()) {
            errors.add(path + ": must be a string");
            return;
        }
        if (schema.has("enum")) {
            List<String> allowed = new ArrayList<>();
            schema.get("enum").forEach(e -> allowed.add(e.asText()));
            if (!allowed.contains(value.asText())) {
                errors.add(path + ": must be one of " + allowed);
            }
        }
        if (schema.has("pattern") && !Pattern.compile(schema.get("pattern").asText()).matcher(value.asText()).find()) {
            errors.add(path + ": must match " + schema.get("pattern").asText());
        }
    }

    private void number(JsonNode schema, JsonNode value, String path, boolean integer) {
        if (!value.isNumber() || (integer && !value.canConvertToLong())) {
            errors.add(path + ": must be " + (integer ? "an integer" : "a number"));
            return;
        }
        double v = value.asDouble();
        if (schema.has("minimum")) {
            double min = schema.get("minimum").asDouble();
            boolean exclusive = schema.path("exclusiveMinimum").asBoolean(false);
            if (exclusive ? v <= min : v < min) {
                errors.add(path + ": must be " + (exclusive ? "above " : "at least ") + min);
            }
        }
        if (schema.has("maximum") && v > schema.get("maximum").asDouble()) {
            errors.add(path + ": must be at most " + schema.get("maximum").asDouble());
        }
    }
}
