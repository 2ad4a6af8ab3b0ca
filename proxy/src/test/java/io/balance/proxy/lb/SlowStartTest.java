package io.balance.proxy.lb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.balance.api.config.Algorithm;
import io.balance.api.config.BackendConfig;
import io.balance.api.config.LoadBalancerConfig;
import io.balance.proxy.backend.Backend;
import io.balance.proxy.backend.BackendHealth;
import io.balance.proxy.backend.BackendRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SlowStartTest {
    private static final Duration WINDOW = Duration.ofSeconds(10);
    private static final long WINDOW_NANOS = WINDOW.toNanos();
    private static final int PICKS = 40_000;

    private final AtomicLong now = new AtomicLong(TimeUnit.HOURS.toNanos(1));
    private final Random random = new Random(42);
    private final SlowStart slowStart = new SlowStart(now::get, random::nextDouble);

    private static LoadBalancerConfig config(Algorithm algorithm, Duration window) {
        return new LoadBalancerConfig(algorithm, null, null, null, window);
    }

    private LoadBalancer rampingBalancer(Algorithm algorithm, List<Backend> backends) {
        slowStart.configure(config(algorithm, WINDOW));
        return LoadBalancers.create(config(algorithm, WINDOW), backends, slowStart);
    }

    private void advance(double fractionOfWindow) {
        now.addAndGet((long) (WINDOW_NANOS * fractionOfWindow));
    }

    /** The newcomer's part of {@link #PICKS} picks over idle backends. */
    private static double shareOf(Backend newcomer, LoadBalancer balancer) {
        int hits = 0;
        for (int i = 0; i < PICKS; i++) {
            if (balancer.choose(Fixtures.userKey(i), BackendFilter.AVAILABLE) == newcomer) {
                hits++;
            }
        }
        return (double) hits / PICKS;
    }

    /**
     * A ramping backend gets about {@code share} times its fair share (a quarter here). Exactly
     * that for weighted-round-robin; {@code share / (3 + share)}, a little more, for round-robin,
     * where a refused pick hands the next turn back to the newcomer.
     */
    private static double expected(double share) {
        return share * 0.25;
    }

    @Test
    void theShareGrowsLinearlyFromTheMinimumToFullOverTheWindow() {
        List<Backend> backends = Fixtures.backends("a", "b");
        Backend b = backends.get(1);
        slowStart.configure(config(Algorithm.ROUND_ROBIN, WINDOW));

        assertThat(slowStart.begin(b, backends, "test")).isTrue();
        assertThat(slowStart.share(b)).isEqualTo(SlowStart.MIN_SHARE);
        assertThat(slowStart.remainingMillis(b)).isEqualTo(WINDOW.toMillis());
        advance(0.05);
        assertThat(slowStart.share(b)).as("never below the minimum").isEqualTo(SlowStart.MIN_SHARE);
        advance(0.45);
        assertThat(slowStart.share(b)).isCloseTo(0.5, within(1e-9));
        assertThat(slowStart.remainingMillis(b)).isEqualTo(WINDOW.toMillis() / 2);
        advance(0.25);
        assertThat(slowStart.share(b)).isCloseTo(0.75, within(1e-9));
        advance(0.25);
        assertThat(slowStart.share(b)).isEqualTo(1.0);
        assertThat(b.slowStartUntil()).as("the ramp is over and forgotten").isZero();
        assertThat(slowStart.remainingMillis(b)).isZero();
        assertThat(slowStart.share(backends.get(0))).as("a backend that never ramped").isEqualTo(1.0);
    }

    @ParameterizedTest
    @EnumSource(value = Algorithm.class, names = {"ROUND_ROBIN", "WEIGHTED_ROUND_ROBIN", "LEAST_CONNECTIONS",
            "WEIGHTED_LEAST_CONNECTIONS", "RANDOM"})
    void aNewcomerTakesAGrowingPartOfThePicksUntilItsFairShare(Algorithm algorithm) {
        List<Backend> backends = Fixtures.backends("a", "b", "c", "new");
        Backend newcomer = backends.get(3);
        LoadBalancer balancer = rampingBalancer(algorithm, backends);
        slowStart.begin(newcomer, backends, "test");

        double atStart = shareOf(newcomer, balancer);
        advance(0.5);
        double halfway = shareOf(newcomer, balancer);
        advance(0.5);
        double atEnd = shareOf(newcomer, balancer);

        assertThat(atStart).as("at 0%% of the window").isCloseTo(expected(SlowStart.MIN_SHARE), within(0.02)).isPositive();
        assertThat(halfway).as("at 50%% of the window").isCloseTo(expected(0.5), within(0.03));
        assertThat(atEnd).as("at 100%% of the window: the fair share").isCloseTo(0.25, within(0.02));
    }

    @Test
    void weightsStillCountWhileRamping() {
        List<Backend> backends = List.of(Fixtures.backend("light", 1), Fixtures.backend("new", 3));
        LoadBalancer balancer = rampingBalancer(Algorithm.WEIGHTED_ROUND_ROBIN, backends);
        slowStart.begin(backends.get(1), backends, "test");
        advance(0.5);
        // half of its fair three quarters
        assertThat(shareOf(backends.get(1), balancer)).isCloseTo(0.375, within(0.03));
    }

    @Test
    void aRampingBackendStillServesWhenNothingElseCan() {
        List<Backend> backends = Fixtures.backends("a", "new");
        LoadBalancer balancer = rampingBalancer(Algorithm.ROUND_ROBIN, backends);
        slowStart.begin(backends.get(1), backends, "test");
        backends.get(0).health().drain();

        assertThat(shareOf(backends.get(1), balancer)).isEqualTo(1.0);
    }

    @Test
    void aLoneBackendDoesNotRamp() {
        List<Backend> backends = Fixtures.backends("a", "b");
        slowStart.configure(config(Algorithm.ROUND_ROBIN, WINDOW));
        backends.get(0).health().drain();

        assertThat(slowStart.begin(backends.get(1), backends, "test")).isFalse();
        assertThat(backends.get(1).slowStartUntil()).isZero();
    }

    @ParameterizedTest
    @EnumSource(value = Algorithm.class, names = {"CONSISTENT_HASH", "BOUNDED_CONSISTENT_HASH", "IP_HASH"})
    void hashingAlgorithmsKeepTheirAffinityAndNeverRamp(Algorithm algorithm) {
        List<Backend> backends = Fixtures.backends("a", "b", "c", "new");
        slowStart.configure(config(algorithm, WINDOW));

        assertThat(LoadBalancers.create(config(algorithm, WINDOW), backends, slowStart)).isNotInstanceOf(SlowStartBalancer.class);
        assertThat(slowStart.begin(backends.get(3), backends, "test")).isFalse();
    }

    @Test
    void aZeroWindowIsOffAndBuildsThePlainAlgorithm() {
        List<Backend> backends = Fixtures.backends("a", "new");
        slowStart.configure(config(Algorithm.ROUND_ROBIN, Duration.ZERO));

        assertThat(LoadBalancers.create(config(Algorithm.ROUND_ROBIN, Duration.ZERO), backends, slowStart))
                .isInstanceOf(RoundRobin.class);
        assertThat(slowStart.begin(backends.get(1), backends, "test")).isFalse();
    }

    @Test
    void turningSlowStartOffEndsEveryRamp() {
        List<Backend> backends = Fixtures.backends("a", "new");
        slowStart.configure(config(Algorithm.ROUND_ROBIN, WINDOW));
        slowStart.begin(backends.get(1), backends, "test");

        slowStart.configure(config(Algorithm.ROUND_ROBIN, Duration.ZERO));

        assertThat(slowStart.remainingMillis(backends.get(1))).isZero();
        assertThat(slowStart.share(backends.get(1))).isEqualTo(1.0);
    }

    @Test
    void backendsOfTheFirstSetStartTogetherAndLaterAdditionsRamp() {
        slowStart.configure(config(Algorithm.ROUND_ROBIN, WINDOW));
        BackendRegistry registry = new BackendRegistry(config(Algorithm.ROUND_ROBIN, WINDOW), c -> BackendHealth.alwaysHealthy(),
                slowStart);
        BackendConfig a = new BackendConfig("a", "10.0.0.1:80", 1, 0);
        BackendConfig b = new BackendConfig("b", "10.0.0.2:80", 1, 0);
        BackendConfig c = new BackendConfig("c", "10.0.0.3:80", 1, 0);

        registry.applyPushed(1, List.of(a, b));
        assertThat(registry.current().backends()).allSatisfy(backend -> assertThat(backend.slowStartUntil()).isZero());

        registry.applyPushed(2, List.of(a, b, c));
        List<Backend> set = registry.current().backends();
        assertThat(set.get(2).slowStartUntil()).as("c joined a running set").isNotZero();
        assertThat(set.get(0).slowStartUntil()).as("a stayed").isZero();
        assertThat(registry.current().balancer()).isInstanceOf(SlowStartBalancer.class);
    }
}
