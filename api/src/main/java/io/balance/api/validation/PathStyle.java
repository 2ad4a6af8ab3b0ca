package io.balance.api.validation;

/** How a {@link FieldPath} is spelled for a reader. */
public enum PathStyle {
    /** The Balance file: {@code load_balancer.algorithm}, {@code backends[0].address}. */
    FILE("", true),
    /** The BalanceProxy resource: {@code spec.loadBalancer.algorithm}. */
    RESOURCE("spec", false),
    /** The Java model's own names, for logs and tests. */
    MODEL("", false);

    private final String prefix;
    private final boolean snakeCase;

    PathStyle(String prefix, boolean snakeCase) {
        this.prefix = prefix;
        this.snakeCase = snakeCase;
    }

    public String render(FieldPath path) {
        StringBuilder out = new StringBuilder(prefix);
        for (Object segment : path.segments()) {
            if (segment instanceof Integer index) {
                out.append('[').append(index).append(']');
            } else {
                if (out.length() > 0) {
                    out.append('.');
                }
                out.append(snakeCase && !(segment instanceof FieldPath.AsWritten) ? toSnake(segment.toString()) : segment);
            }
        }
        return out.length() == 0 ? "(root)" : out.toString();
    }

    static String toSnake(String camel) {
        StringBuilder out = new StringBuilder(camel.length() + 4);
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0) {
                    out.append('_');
                }
                out.append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** {@code load_balancer} to {@code loadBalancer}: a file key in the model's spelling. */
    public static String toCamel(String snake) {
        StringBuilder out = new StringBuilder(snake.length());
        boolean upper = false;
        for (int i = 0; i < snake.length(); i++) {
            char c = snake.charAt(i);
            if (c == '_' && i > 0) {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }
}
