package io.balance.proxy.backend;

/** The outcome of replacing the backend set. */
public record ApplyResult(Outcome outcome, String message) {

    public enum Outcome {
        /** A new version is in force. */
        APPLIED,
        /** The same version with the same content: nothing to do (idempotent retry). */
        UNCHANGED,
        /** An older version, or the same version with other content. */
        CONFLICT
    }

    public static ApplyResult applied(long version) {
        return new ApplyResult(Outcome.APPLIED, "applied version " + version);
    }

    public static ApplyResult unchanged(long version) {
        return new ApplyResult(Outcome.UNCHANGED, "version " + version + " already applied");
    }

    public static ApplyResult conflict(String message) {
        return new ApplyResult(Outcome.CONFLICT, message);
    }
}
