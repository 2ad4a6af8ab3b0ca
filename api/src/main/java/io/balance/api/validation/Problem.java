package io.balance.api.validation;

/** One thing wrong with a config: where, what, and how bad. */
public record Problem(Severity severity, FieldPath path, String message) {

    public static Problem error(FieldPath path, String message) {
        return new Problem(Severity.ERROR, path, message);
    }

    public static Problem warning(FieldPath path, String message) {
        return new Problem(Severity.WARNING, path, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    public String render(PathStyle style) {
        return style.render(path) + ": " + message;
    }

    @Override
    public String toString() {
        return render(PathStyle.MODEL);
    }
}
