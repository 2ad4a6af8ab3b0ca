package io.balance.proxy.resilience;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One backend's circuit breaker. Closed: failures in a row are counted and {@code max_failures}
 * of them open it. Open: nothing gets through until {@code timeout} has passed. Half-open: up to
 * {@code max_concurrent_requests} trial requests go through; when that many have succeeded the
 * breaker closes, and any failure opens it again. Every entry into half-open starts with fresh
 * trial counters, so the breaker closes again on every trip, not only the first.
 *
 * <p>Called from every event loop. The common case (closed, no failures pending) reads one
 * volatile field and takes no lock; transitions take this object's monitor for a few
 * instructions. A late outcome of a request admitted before a transition is ignored while open
 * and counted as a trial outcome while half-open (it is real evidence about the backend).
 */
public final class CircuitBreaker {
    private static final Logger LOG = LoggerFactory.getLogger(CircuitBreaker.class);

    /** The gauge values of {@code balance_circuit_breaker_state}: the ordinal. */
    public enum State {
        CLOSED,
        OPEN,
        HALF_OPEN;

        public String label() {
            return name().toLowerCase();
        }
    }

    private final String backend;
    private final LongSupplier clock;
    private final Runnable closedAfterOpen;
    private volatile ResilienceSettings.Breaker settings;
    private volatile State state = State.CLOSED;
    private volatile int consecutiveFailures;
    private volatile long openUntil;
    private int trialsInFlight;
    private int trialSuccesses;
    private long trips;

    public CircuitBreaker(String backend, ResilienceSettings.Breaker settings, LongSupplier clock) {
        this(backend, settings, clock, () -> { });
    }

    /** {@code closedAfterOpen} runs (outside the lock) when the breaker closes after a trip. */
    public CircuitBreaker(String backend, ResilienceSettings.Breaker settings, LongSupplier clock, Runnable closedAfterOpen) {
        this.backend = backend;
        this.settings = settings;
        this.clock = clock;
        this.closedAfterOpen = closedAfterOpen;
    }

    public void reconfigure(ResilienceSettings.Breaker next) {
        boolean closed = false;
        synchronized (this) {
            settings = next;
            if (!next.enabled() && state != State.CLOSED) {
                close("circuit breaker disabled");
                closed = true;
            }
        }
        if (closed) {
            closedAfterOpen.run();
        }
    }

    /** Not open, or open with its timeout over (the next request becomes a trial). Lock-free. */
    public boolean allows() {
        State s = state;
        return s != State.OPEN || clock.getAsLong() - openUntil >= 0;
    }

    /** The state as the gauge and the admin API show it: open turns half-open once its time is up. */
    public State state() {
        if (state != State.OPEN) {
            return state;
        }
        synchronized (this) {
            refresh(clock.getAsLong());
            return state;
        }
    }

    public synchronized long trips() {
        return trips;
    }

    /** Claims the right to send a request: always when closed, a free trial slot when half-open. */
    public boolean tryAcquire() {
        if (state == State.CLOSED) {
            return true;
        }
        synchronized (this) {
            refresh(clock.getAsLong());
            switch (state) {
                case CLOSED:
                    return true;
                case OPEN:
                    return false;
                default:
                    if (trialsInFlight >= settings.halfOpenTrials()) {
                        return false;
                    }
                    trialsInFlight++;
                    return true;
            }
        }
    }

    public void succeeded() {
        if (state == State.CLOSED && consecutiveFailures == 0) {
            return;
        }
        boolean closed = false;
        synchronized (this) {
            switch (state) {
                case CLOSED -> consecutiveFailures = 0;
                case HALF_OPEN -> {
                    trialsInFlight = Math.max(0, trialsInFlight - 1);
                    trialSuccesses++;
                    if (trialSuccesses >= settings.halfOpenTrials()) {
                        close("closed after " + trialSuccesses + " successful trial request(s)");
                        closed = true;
                    }
                }
                default -> {
                    // open: a request admitted before the trip; it says nothing new
                }
            }
        }
        if (closed) {
            closedAfterOpen.run();
        }
    }

    public void failed() {
        ResilienceSettings.Breaker s = settings;
        if (!s.enabled()) {
            return;
        }
        synchronized (this) {
            long now = clock.getAsLong();
            switch (state) {
                case CLOSED -> {
                    consecutiveFailures++;
                    if (consecutiveFailures >= s.maxFailures()) {
                        open(now, consecutiveFailures + " failures in a row");
                    }
                }
                case HALF_OPEN -> open(now, "a trial request failed");
                default -> {
                    // already open
                }
            }
        }
    }

    /** A claim given back without an outcome: frees the trial slot. */
    public void released() {
        if (state != State.HALF_OPEN) {
            return;
        }
        synchronized (this) {
            if (state == State.HALF_OPEN && trialsInFlight > 0) {
                trialsInFlight--;
            }
        }
    }

    /** A short description for /backends, empty when closed. */
    public synchronized String reason() {
        return switch (state()) {
            case CLOSED -> "";
            case OPEN -> "circuit breaker open (trip " + trips + "), trial in "
                    + TimeUnit.NANOSECONDS.toMillis(Math.max(0, openUntil - clock.getAsLong())) + "ms";
            case HALF_OPEN -> "circuit breaker half-open (trip " + trips + "): " + trialsInFlight + " trial(s) in flight";
        };
    }

    private void open(long now, String why) {
        openUntil = now + settings.openNanos();
        state = State.OPEN;
        trialsInFlight = 0;
        trialSuccesses = 0;
        trips++;
        LOG.warn("backend {}: circuit breaker open after {} (trip {}), trial in {}ms", backend, why, trips,
                TimeUnit.NANOSECONDS.toMillis(settings.openNanos()));
    }

    private void refresh(long now) {
        if (state == State.OPEN && now - openUntil >= 0) {
            state = State.HALF_OPEN;
            trialsInFlight = 0;
            trialSuccesses = 0;
            LOG.info("backend {}: circuit breaker half-open, up to {} trial request(s)", backend, settings.halfOpenTrials());
        }
    }

    private void close(String why) {
        state = State.CLOSED;
        consecutiveFailures = 0;
        trialsInFlight = 0;
        trialSuccesses = 0;
        LOG.info("backend {}: circuit breaker {}", backend, why);
    }
}
