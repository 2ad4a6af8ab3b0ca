package io.balance.proxy.http;

import io.netty.handler.codec.http.HttpResponseStatus;

/** Follows the last body bytes of a {@link ValidatedRequest} that has a body. */
public enum RequestBodyEnd {
    /** The body is complete. */
    COMPLETE(null, null),
    /**
     * The body turned out broken after its head was handed on (bad chunk framing): the exchange
     * must be aborted, and the connection closes.
     */
    BROKEN(HttpResponseStatus.BAD_REQUEST, "malformed request body"),
    /** As {@link #BROKEN}, because the chunked body's trailer section went over the header limits. */
    TRAILER_TOO_LARGE(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "request trailer fields too large"),
    /** As {@link #BROKEN}, because no body bytes came for {@code timeouts.read} while they were being read. */
    TIMED_OUT(HttpResponseStatus.REQUEST_TIMEOUT, "request body not received in time");

    private final HttpResponseStatus status;
    private final String problem;

    RequestBodyEnd(HttpResponseStatus status, String problem) {
        this.status = status;
        this.problem = problem;
    }

    /** How a body that broke for {@code reason} ends. */
    static RequestBodyEnd brokenBy(RejectReason reason) {
        return switch (reason) {
            case HEADER_TOO_LARGE, TOO_MANY_HEADERS -> TRAILER_TOO_LARGE;
            case BODY_TIMEOUT -> TIMED_OUT;
            default -> BROKEN;
        };
    }

    boolean broken() {
        return this != COMPLETE;
    }

    /** What the client is answered when no response has begun yet; broken ends only. */
    HttpResponseStatus status() {
        return status;
    }

    String problem() {
        return problem;
    }
}
