package io.balance.api.validation;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a problem is, as segments: field names in the model's camelCase spelling, list
 * indexes, and keys as the user wrote them ({@link AsWritten}). {@link PathStyle} spells it for
 * the file or for the CR.
 */
public record FieldPath(List<Object> segments) {

    public static final FieldPath ROOT = new FieldPath(List.of());

    /** A key that is not in the model (an unknown key): every style shows it exactly as written. */
    public record AsWritten(String key) {
        @Override
        public String toString() {
            return key;
        }
    }

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

    /** A key the model does not know, spelled as in the file. */
    public FieldPath asWritten(String key) {
        return append(new AsWritten(key));
    }

    /** This path without its last segment; the root is its own parent. */
    public FieldPath parent() {
        return isRoot() ? this : new FieldPath(segments.subList(0, segments.size() - 1));
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
