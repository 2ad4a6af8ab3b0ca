package io.balance.proxy;

import java.util.List;

/** The outcome of applying a new config: applied, unchanged, invalid (400) or conflicting (409). */
public record ReloadResult(Outcome outcome, List<String> messages) {

    public enum Outcome {
        APPLIED,
        UNCHANGED,
        INVALID,
        CONFLICT,
        REJECTED
    }

    public static ReloadResult ok() {
        return new ReloadResult(Outcome.APPLIED, List.of());
    }

    public static ReloadResult unchanged() {
        return new ReloadResult(Outcome.UNCHANGED, List.of("this version is already applied"));
    }

    public static ReloadResult invalid(List<String> errors) {
        return new ReloadResult(Outcome.INVALID, List.copyOf(errors));
    }

    public static ReloadResult conflict(String message) {
        return new ReloadResult(Outcome.CONFLICT, List.of(message));
    }

    public static ReloadResult rejected(String message) {
        return new ReloadResult(Outcome.REJECTED, List.of(message));
    }

    public boolean applied() {
        return outcome == Outcome.APPLIED;
    }
}
