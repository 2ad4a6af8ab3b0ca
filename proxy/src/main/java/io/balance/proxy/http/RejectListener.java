package io.balance.proxy.http;

/**
 * Told about every refused request, on the connection's event loop; must not block. The metrics
 * layer turns it into {@code balance_rejected_requests_total{reason}}.
 */
@FunctionalInterface
public interface RejectListener {
    RejectListener NONE = reason -> { };

    void rejected(RejectReason reason);
}
