package io.balance.proxy.http;

/**
 * Sent up the pipeline by {@link RawRequestGuard} when the raw bytes or the head timer condemn a
 * request, so that {@link RequestFramingValidator} answers it in order with the others.
 */
final class RequestRejectedEvent {
    private static final RequestRejectedEvent[] BY_REASON = new RequestRejectedEvent[RejectReason.values().length];

    static {
        for (RejectReason reason : RejectReason.values()) {
            BY_REASON[reason.ordinal()] = new RequestRejectedEvent(reason);
        }
    }

    private final RejectReason reason;

    private RequestRejectedEvent(RejectReason reason) {
        this.reason = reason;
    }

    static RequestRejectedEvent of(RejectReason reason) {
        return BY_REASON[reason.ordinal()];
    }

    RejectReason reason() {
        return reason;
    }

    @Override
    public String toString() {
        return "RequestRejectedEvent(" + reason.label() + ")";
    }
}
