package io.balance.proxy.lb;

import io.balance.api.config.LoadBalancerConfig;
import io.balance.proxy.backend.Backend;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slow start ({@code load_balancer.slow_start_window}): a backend that joins a running set, or
 * becomes eligible again, keeps only a part of the picks that land on it, and that part grows
 * linearly over the window: {@code share = max(MIN_SHARE, elapsed / window)}. A pick that is
 * not kept goes to another backend (see {@link SlowStartBalancer}), so the ramping backend acts
 * as if its weight were {@code weight * share}. {@link #MIN_SHARE} keeps a little traffic on a
 * newcomer from the start, as Envoy's {@code min_weight_percent} does.
 *
 * <p>The ramp state lives on each {@link Backend} ({@link Backend#slowStartUntil()}), so a
 * backend that is not ramping costs the hot path one field read; only a pick of a ramping
 * backend reads the clock.
 */
public final class SlowStart {
    /** The share a ramping backend keeps right at the start of its window. */
    public static final double MIN_SHARE = 0.1;

    private static final Logger LOG = LoggerFactory.getLogger(SlowStart.class);

    private final LongSupplier clock;
    private final DoubleSupplier random;
    private volatile long windowNanos;

    public SlowStart(LongSupplier clock, DoubleSupplier random) {
        this.clock = clock;
        this.random = random;
    }

    public static SlowStart systemClock() {
        return new SlowStart(System::nanoTime, () -> ThreadLocalRandom.current().nextDouble());
    }

    /**
     * Applies {@code load_balancer.slow_start_window}. Hashing algorithms don't ramp, so for them
     * the window is 0. A window of 0 ends every ramp at its next pick.
     */
    public void configure(LoadBalancerConfig config) {
        windowNanos = ramps(config) ? config.slowStartWindow().toNanos() : 0;
    }

    /** Does this config ramp at all? */
    static boolean ramps(LoadBalancerConfig config) {
        Duration window = config.slowStartWindow();
        return !window.isNegative() && !window.isZero() && !config.algorithm().hashing();
    }

    public boolean enabled() {
        return windowNanos > 0;
    }

    /**
     * Starts a ramp for {@code backend}, unless slow start is off or no other backend among
     * {@code peers} is available (a lone backend takes all traffic anyway). True if it began.
     */
    public boolean begin(Backend backend, Iterable<Backend> peers, String why) {
        long window = windowNanos;
        if (window <= 0 || !anyOtherAvailable(backend, peers)) {
            return false;
        }
        backend.beginSlowStart(clock.getAsLong() + window);
        LOG.info("backend {}: slow start over {}ms ({})", backend.name(), TimeUnit.NANOSECONDS.toMillis(window), why);
        return true;
    }

    private static boolean anyOtherAvailable(Backend backend, Iterable<Backend> peers) {
        for (Backend peer : peers) {
            if (peer != backend && peer.available()) {
                return true;
            }
        }
        return false;
    }

    /** The part of its picks {@code backend} keeps now: 1 when it is not ramping. */
    public double share(Backend backend) {
        long until = backend.slowStartUntil();
        return until == 0 ? 1.0 : share(backend, until, clock.getAsLong());
    }

    /** Whether a pick that landed on {@code backend} stands: always, unless the backend is ramping. */
    boolean keeps(Backend backend) {
        long until = backend.slowStartUntil();
        if (until == 0) {
            return true;
        }
        double share = share(backend, until, clock.getAsLong());
        return share >= 1.0 || random.getAsDouble() < share;
    }

    /** What is left of the backend's ramp, for {@code /backends}; 0 when it takes its full share. */
    public long remainingMillis(Backend backend) {
        long until = backend.slowStartUntil();
        if (until == 0 || windowNanos <= 0) {
            return 0;
        }
        return TimeUnit.NANOSECONDS.toMillis(Math.max(0, until - clock.getAsLong()));
    }

    private double share(Backend backend, long until, long now) {
        long window = windowNanos;
        long remaining = until - now;
        if (remaining <= 0 || window <= 0) {
            backend.endSlowStart(until);
            return 1.0;
        }
        return Math.max(MIN_SHARE, 1.0 - (double) remaining / window);
    }
}
