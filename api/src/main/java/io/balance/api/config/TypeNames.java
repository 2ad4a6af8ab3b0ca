package io.balance.api.config;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;

/** Plain-language type names for mapping errors ("expected a number, got \"abc\""). */
final class TypeNames {
    private TypeNames() {
    }

    static String mismatch(Class<?> target, String got, String detail) {
        if (target == Duration.class && detail != null) {
            return detail;
        }
        if (target.isEnum() && detail != null) {
            return detail;
        }
        return "expected " + name(target) + ", got " + got;
    }

    /** A number that does not fit the field: a fraction where a whole number belongs, or too big. */
    static String numberMismatch(Class<?> target, Number value, String detail) {
        boolean whole = target == Integer.class || target == int.class;
        if (whole && !(value instanceof Double || value instanceof Float || value instanceof java.math.BigDecimal)) {
            return "number " + value + " is too large; at most " + Integer.MAX_VALUE;
        }
        return mismatch(target, String.valueOf(value), detail);
    }

    static String name(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Duration.class) {
            return "a duration such as 5s";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "a mapping of keys";
        }
        return "a " + type.getSimpleName();
    }

    /** What a parsed node holds, in the same words: "a list", "a string", ... */
    static String describe(JsonNode node) {
        return describe(node.asToken());
    }

    static String describe(JsonToken token) {
        return switch (token) {
            case START_OBJECT -> "a mapping";
            case START_ARRAY -> "a list";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.toString();
        };
    }
}
