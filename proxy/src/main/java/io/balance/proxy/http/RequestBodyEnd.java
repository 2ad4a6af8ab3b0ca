package io.balance.proxy.http;

/** Follows the last body bytes of a {@link ValidatedRequest} that has a body. */
public enum RequestBodyEnd {
    /** The body is complete. */
    COMPLETE,
    /**
     * The body turned out broken after its head was handed on (bad chunk framing): the exchange
     * must be aborted, and the connection closes.
     */
    BROKEN,
    /** As {@link #BROKEN}, because the chunked body's trailer section went over the header limits (431). */
    TRAILER_TOO_LARGE;

    /** How a body that broke for {@code reason} ends. */
    static RequestBodyEnd brokenBy(RejectReason reason) {
        return reason == RejectReason.HEADER_TOO_LARGE || reason == RejectReason.TOO_MANY_HEADERS ? TRAILER_TOO_LARGE : BROKEN;
    }

    boolean broken() {
        return this != COMPLETE;
    }
}
