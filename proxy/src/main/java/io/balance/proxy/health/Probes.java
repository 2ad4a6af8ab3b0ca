package io.balance.proxy.health;

import io.balance.api.config.HealthCheckType;
import io.balance.proxy.backend.Backend;
import io.balance.proxy.backend.BackendConnector;
import io.balance.proxy.resilience.ResilienceSettings;
import io.netty.channel.EventLoop;
import java.util.concurrent.TimeUnit;

/** Runs one probe of the configured type ({@code tcp}, {@code http}, {@code https}) on an event loop. */
final class Probes {
    private final BackendConnector connector;

    Probes(BackendConnector connector) {
        this.connector = connector;
    }

    void run(EventLoop loop, Backend backend, ResilienceSettings.ActiveChecks settings, ProbeCallback callback) {
        HealthCheckType type = settings.type();
        if (type == HealthCheckType.TCP) {
            int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(settings.timeoutNanos())));
            TcpProbe.run(loop, connector, backend, millis, callback);
        } else {
            new HttpProbe(backend, settings, type == HealthCheckType.HTTPS ? ProbeTls.context() : null, callback)
                    .start(loop, connector);
        }
    }

    static String describe(Throwable cause) {
        if (cause == null) {
            return "unknown error";
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }
}
