package io.balance.proxy.http;

/** Follows the last body bytes of a {@link ValidatedRequest} that has a body. */
public enum RequestBodyEnd {
    /** The body is complete. */
    COMPLETE,
    /**
     * The body turned out broken after its head was handed on (bad chunk framing): the exchange
     * must be aborted, and the connection closes.
     */
    BROKEN
}
