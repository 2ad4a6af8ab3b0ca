package io.balance.operator.admin;

/**
 * What a pod said to {@code PUT /backends}: acknowledged (200, applied or unchanged), a
 * conflict (409: the pod holds a newer version, or this version with another body), or a
 * failure (any other status, a timeout, a refused connection) with the reason.
 */
public record PushResult(Outcome outcome, int httpStatus, String message) {
    public enum Outcome { ACKNOWLEDGED, CONFLICT, FAILED }

    public static PushResult acknowledged(int status) {
        return new PushResult(Outcome.ACKNOWLEDGED, status, "ok");
    }

    public static PushResult conflict(String message) {
        return new PushResult(Outcome.CONFLICT, 409, message);
    }

    public static PushResult failed(int status, String message) {
        return new PushResult(Outcome.FAILED, status, message);
    }

    public boolean acknowledged() {
        return outcome == Outcome.ACKNOWLEDGED;
    }
}
