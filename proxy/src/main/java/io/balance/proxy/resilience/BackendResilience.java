package io.balance.proxy.resilience;

import io.balance.proxy.backend.BackendHealth;
import io.balance.proxy.backend.BackendState;
import io.balance.proxy.health.ActiveHealth;
import io.balance.proxy.health.EjectionPool;
import io.balance.proxy.health.OutlierDetector;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One backend's health view: active checks, passive ejection, circuit breaker and drain,
 * combined into the one answer the balancer needs. Eligible means healthy (active), not
 * ejected (passive), breaker not open, and not draining. Each part logs its own transitions.
 */
public final class BackendResilience implements BackendHealth {
    private static final Logger LOG = LoggerFactory.getLogger(BackendResilience.class);

    private final String name;
    private final Supplier<ResilienceSettings> settings;
    private final ActiveHealth active;
    private final OutlierDetector outlier;
    private final CircuitBreaker breaker;
    private final EjectionPool pool;
    private volatile boolean draining;
    private volatile Runnable recovery = () -> { };

    public BackendResilience(String name, Supplier<ResilienceSettings> settings, EjectionPool pool, LongSupplier clock) {
        this.name = name;
        this.settings = settings;
        this.pool = pool;
        this.active = new ActiveHealth(name, this::recovered);
        this.outlier = new OutlierDetector(name, clock, this::recovered);
        this.breaker = new CircuitBreaker(name, settings.get().breaker(), clock, this::recovered);
    }

    /** What to run when the backend becomes eligible again after a failure (slow start). */
    void onRecovery(Runnable recovery) {
        this.recovery = recovery;
    }

    /** One part let go of the backend; it counts as recovered only if the other parts agree. */
    private void recovered() {
        if (available()) {
            recovery.run();
        }
    }

    public ActiveHealth active() {
        return active;
    }

    public OutlierDetector outlier() {
        return outlier;
    }

    public CircuitBreaker breaker() {
        return breaker;
    }

    @Override
    public boolean available() {
        return !draining && active.healthy() && !outlier.ejected() && breaker.allows();
    }

    @Override
    public boolean panicCandidate() {
        return !draining && breaker.allows();
    }

    @Override
    public BackendState state() {
        if (draining) {
            return BackendState.DRAINING;
        }
        if (!active.healthy()) {
            return BackendState.UNHEALTHY;
        }
        // an open breaker keeps traffic away just like an ejection; the reason tells them apart
        return outlier.ejected() || breaker.state() == CircuitBreaker.State.OPEN ? BackendState.EJECTED : BackendState.HEALTHY;
    }

    @Override
    public String reason() {
        if (draining) {
            return "removed from the backend set";
        }
        StringBuilder reason = new StringBuilder();
        append(reason, active.reason());
        append(reason, outlier.reason());
        append(reason, breaker.reason());
        return reason.toString();
    }

    private static void append(StringBuilder out, String part) {
        if (!part.isEmpty()) {
            if (out.length() > 0) {
                out.append("; ");
            }
            out.append(part);
        }
    }

    @Override
    public void drain() {
        if (!draining) {
            draining = true;
            LOG.info("backend {}: draining (removed from the backend set)", name);
        }
    }

    @Override
    public boolean tryAcquire() {
        return breaker.tryAcquire();
    }

    @Override
    public void succeeded() {
        breaker.succeeded();
        outlier.recordSuccess(settings.get().passive());
    }

    @Override
    public void released() {
        breaker.released();
    }

    @Override
    public void failed(Failure failure) {
        breaker.failed();
        ResilienceSettings.Passive passive = settings.get().passive();
        if (outlier.recordFailure(passive)) {
            pool.tryEject(outlier, passive);
        }
    }

    @Override
    public int circuitState() {
        return breaker.state().ordinal();
    }

    @Override
    public long ejections() {
        return outlier.ejections();
    }

    void reconfigure(ResilienceSettings next) {
        breaker.reconfigure(next.breaker());
        if (!next.active().enabled()) {
            active.reset();
        }
    }
}
