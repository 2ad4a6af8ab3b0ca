package io.balance.api.validation;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a problem is, as segments: field names in the model's camelCase spelling and list
 * indexes. {@link PathStyle} spells it for the file or for the CR.
 */
public record FieldPath(List<Object> segments) {

    public static final FieldPath ROOT = new FieldPath(List.of());

    public FieldPath {
        segments = List.copyOf(segments);
    }

    public static FieldPath of(Object... segments) {
        return new FieldPath(List.of(segments));
    }

    public FieldPath field(String name) {
        return append(name);
    }

    public FieldPath index(int index) {
        return append(index);
    }

    private FieldPath append(Object segment) {
        List<Object> next = new ArrayList<>(segments);
        next.add(segment);
        return new FieldPath(next);
    }

    /** True if this path is {@code other} or lies inside it ({@code backends[0].address} is within {@code backends}). */
    public boolean isWithin(FieldPath other) {
        return segments.size() >= other.segments.size() && segments.subList(0, other.segments.size()).equals(other.segments);
    }

    public boolean isRoot() {
        return segments.isEmpty();
    }

    @Override
    public String toString() {
        return PathStyle.MODEL.render(this);
    }
}
