package io.balance.proxy.http;

/**
 * Why a request was refused before reaching a backend. {@link #label()} is the bounded value of
 * the {@code reason} label of {@code balance_rejected_requests_total}; {@link #status()} is the
 * status code the client gets, and {@link #problem()} the short text of the response body.
 */
public enum RejectReason {
    REQUEST_LINE_TOO_LONG("request_line_too_long", 414, "request line too long"),
    HEADER_TOO_LARGE("header_too_large", 431, "request header fields too large"),
    TOO_MANY_HEADERS("too_many_headers", 431, "too many request header fields"),
    HEAD_TIMEOUT("head_timeout", 408, "request head not received in time"),
    BODY_TIMEOUT("body_timeout", 408, "request body not received in time"),
    BAD_CONTENT_LENGTH("bad_content_length", 400, "invalid or repeated Content-Length"),
    BAD_TRANSFER_ENCODING("bad_transfer_encoding", 400,
            "Transfer-Encoding must be a single 'chunked' (HTTP/1.1 only)"),
    CL_AND_TE("cl_and_te", 400, "Content-Length together with Transfer-Encoding"),
    OBS_FOLD("obs_fold", 400, "header line starts with whitespace (obs-fold)"),
    BAD_HEADER("bad_header", 400, "invalid header field"),
    BAD_HOST("bad_host", 400, "missing, repeated or invalid Host"),
    BAD_REQUEST_TARGET("bad_request_target", 400, "invalid request target"),
    BAD_METHOD("bad_method", 400, "unknown or invalid method"),
    UNSUPPORTED_VERSION("unsupported_version", 505, "only HTTP/1.0 and HTTP/1.1 are supported"),
    BAD_CHUNK("bad_chunk", 400, "invalid chunked body"),
    UPGRADE_NOT_SUPPORTED("upgrade_not_supported", 501, "protocol upgrade not supported"),
    CONNECT_NOT_SUPPORTED("connect_not_supported", 501, "CONNECT not supported"),
    MALFORMED("malformed", 400, "malformed request");

    private final String label;
    private final int status;
    private final String problem;

    RejectReason(String label, int status, String problem) {
        this.label = label;
        this.status = status;
        this.problem = problem;
    }

    public String label() {
        return label;
    }

    public int status() {
        return status;
    }

    public String problem() {
        return problem;
    }
}
