package io.balance.proxy.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.balance.api.config.ConfigFileException;
import io.balance.api.config.ConfigLoader;
import io.balance.proxy.backend.BackendHealth.Failure;
import io.balance.proxy.health.EjectionPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** When a backend counts as recovered (the trigger of slow start), and when it does not. */
class RecoveryTest {
    private final AtomicLong now = new AtomicLong(TimeUnit.HOURS.toNanos(1));
    private final AtomicInteger recoveries = new AtomicInteger();
    private final EjectionPool pool = new EjectionPool();
    private final ResilienceSettings settings = settings("""
            mode: http
            health_check:
              enabled: true
              healthy_threshold: 1
              unhealthy_threshold: 1
              passive_checks: {consecutive_failures: 2, ejection_time: 10s, max_ejection_percent: 100}
            resilience: {circuit_breaker: {max_failures: 2, timeout: 5s, max_concurrent_requests: 1}}
            """);

    private static ResilienceSettings settings(String yaml) {
        try {
            return ResilienceSettings.of(ConfigLoader.yaml().parse(yaml, "test").config());
        } catch (ConfigFileException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private BackendResilience backend(String name) {
        BackendResilience health = new BackendResilience(name, () -> settings, pool, now::get);
        pool.add(health.outlier());
        health.onRecovery(recoveries::incrementAndGet);
        return health;
    }

    private void fail(BackendResilience health, int times) {
        for (int i = 0; i < times; i++) {
            health.tryAcquire();
            health.failed(Failure.CONNECT);
        }
    }

    @Test
    void aBackendThatPassesItsProbesAgainHasRecovered() {
        BackendResilience a = backend("a");
        a.active().record(false, "refused", settings.active());
        assertThat(a.available()).isFalse();

        a.active().record(true, "", settings.active());

        assertThat(recoveries).hasValue(1);
        a.active().record(true, "", settings.active());
        assertThat(recoveries).as("once per recovery").hasValue(1);
    }

    @Test
    void aBackendWhoseEjectionEndedHasRecovered() {
        BackendResilience a = backend("a");
        backend("b");
        fail(a, 2);
        assertThat(a.available()).isFalse();

        now.addAndGet(TimeUnit.SECONDS.toNanos(11));

        assertThat(a.available()).isTrue();
        assertThat(recoveries).hasValue(1);
    }

    @Test
    void aBackendWhoseBreakerClosedAfterATripHasRecovered() {
        BackendResilience a = backend("a");
        a.breaker().failed();
        a.breaker().failed();
        assertThat(a.available()).isFalse();
        now.addAndGet(TimeUnit.SECONDS.toNanos(6));

        assertThat(a.tryAcquire()).as("a half-open trial").isTrue();
        assertThat(recoveries).as("half-open is not recovered yet").hasValue(0);
        a.succeeded();

        assertThat(recoveries).hasValue(1);
    }

    @Test
    void aBackendStillFailingAnotherCheckHasNotRecovered() {
        BackendResilience a = backend("a");
        backend("b");
        fail(a, 2);
        a.active().record(false, "refused", settings.active());
        now.addAndGet(TimeUnit.SECONDS.toNanos(11));

        assertThat(a.available()).as("back from ejection but still failing its probes").isFalse();
        assertThat(recoveries).hasValue(0);
    }
}
