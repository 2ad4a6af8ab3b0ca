package io.balance.proxy.http;

import io.balance.api.config.HttpConfig;
import io.balance.proxy.metrics.ClientTraffic;
import java.time.Duration;

/**
 * What the request readers of one configuration share, so that a connection keeps one reference
 * to it: the limits a request is read under, and where refused requests and client traffic are
 * counted.
 *
 * @param headTimeoutNanos {@code timeouts.read}: how long a client has to send a complete request
 *                         head (408 past it); zero disables it
 * @param rejects          told about every refused request
 */
record ReaderSettings(int maxFields, int maxLine, int maxFieldBytes, long headTimeoutNanos, RejectListener rejects,
        ClientTraffic traffic) {

    static ReaderSettings of(HttpConfig http, Duration headTimeout, RejectListener rejects, ClientTraffic traffic) {
        return new ReaderSettings(http.maxHeaders(), http.maxRequestLine(), http.maxHeaderSize(), headTimeout.toNanos(),
                rejects, traffic);
    }
}
