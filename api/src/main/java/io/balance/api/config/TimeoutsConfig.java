package io.balance.api.config;

import java.time.Duration;

/**
 * {@code timeouts}. {@code connect}: opening a backend connection. {@code read}: reading a
 * request head from the client (408 past it) and waiting for the backend's response head
 * (504). {@code write}: writing the response to the client. {@code idle}: a connection with no
 * traffic either way. {@code request}: overall per-request deadline, 0 for none.
 */
public record TimeoutsConfig(Duration connect, Duration read, Duration write, Duration idle, Duration request) {

    public TimeoutsConfig {
        connect = connect == null ? Duration.ofSeconds(5) : connect;
        read = read == null ? Duration.ofSeconds(30) : read;
        write = write == null ? Duration.ofSeconds(30) : write;
        idle = idle == null ? Duration.ofSeconds(60) : idle;
        request = request == null ? Duration.ZERO : request;
    }

    public static TimeoutsConfig defaults() {
        return new TimeoutsConfig(null, null, null, null, null);
    }
}
