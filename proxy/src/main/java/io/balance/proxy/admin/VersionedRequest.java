package io.balance.proxy.admin;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The body of a versioned admin write: {@code {"version": N, "<field>": ...}}. Parsing collects
 * every problem (bad JSON, data after the object, missing or negative version, wrong payload
 * shape, unknown keys).
 */
record VersionedRequest(long version, JsonNode payload, List<String> problems) {
    /**
     * The highest version a push may carry: the largest whole number every JSON client holds
     * exactly (2^53 - 1). A higher one would leave no version to send after it.
     */
    static final long MAX_VERSION = (1L << 53) - 1;

    private static final Pattern SOURCE = Pattern.compile("\\[Source: [^;]*; (line: \\d+, column: \\d+)]");

    static VersionedRequest parse(ObjectMapper json, String body, String field, Predicate<JsonNode> shape, String hint) {
        JsonNode root;
        try {
            root = json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(body);
        } catch (MismatchedInputException e) {
            // reading a tree, the one mismatch left is FAIL_ON_TRAILING_TOKENS's ("{...} {...}")
            return new VersionedRequest(-1, null, List.of("body has data after the JSON object" + at(e.getLocation())));
        } catch (JsonProcessingException e) {
            return new VersionedRequest(-1, null, List.of("body is not valid JSON: " + describe(e)));
        }
        if (root == null || !root.isObject()) {
            return new VersionedRequest(-1, null, List.of("body must be a JSON object with \"version\" and \"" + field + "\""));
        }
        List<String> problems = new ArrayList<>();
        JsonNode version = root.get("version");
        if (version == null || !version.isIntegralNumber() || !version.canConvertToLong() || version.asLong() < 0
                || version.asLong() > MAX_VERSION) {
            problems.add("version: required, a whole number from 0 to " + MAX_VERSION + " that grows with every change");
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

    /** Jackson's message with its locations as line and column, without the "[Source: REDACTED ...]" around them. */
    private static String describe(JsonProcessingException e) {
        return SOURCE.matcher(e.getOriginalMessage()).replaceAll("$1") + at(e.getLocation());
    }

    private static String at(JsonLocation location) {
        return location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    boolean valid() {
        return problems.isEmpty();
    }
}
