package io.balance.proxy.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.balance.proxy.resilience.CircuitBreaker.State;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
    private static final long OPEN = TimeUnit.SECONDS.toNanos(10);

    private final AtomicLong now = new AtomicLong(1_000);
    private final CircuitBreaker breaker = new CircuitBreaker("a", new ResilienceSettings.Breaker(true, 3, OPEN, 2), now::get);

    private void fail(int times) {
        for (int i = 0; i < times; i++) {
            assertThat(breaker.tryAcquire()).isTrue();
            breaker.failed();
        }
    }

    @Test
    void opensAfterMaxFailuresInARow() {
        fail(2);
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        fail(1);
        assertThat(breaker.state()).isEqualTo(State.OPEN);
        assertThat(breaker.allows()).isFalse();
        assertThat(breaker.tryAcquire()).isFalse();
    }

    @Test
    void aSuccessResetsTheFailureCount() {
        fail(2);
        breaker.tryAcquire();
        breaker.succeeded();
        fail(2);
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void letsABoundedNumberOfTrialsThroughWhenHalfOpen() {
        fail(3);
        now.addAndGet(OPEN);
        assertThat(breaker.allows()).isTrue();
        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
        assertThat(breaker.tryAcquire()).isTrue();
        assertThat(breaker.tryAcquire()).isTrue();
        assertThat(breaker.tryAcquire()).as("only two trials at once").isFalse();
        breaker.released();
        assertThat(breaker.tryAcquire()).as("a released trial frees its slot").isTrue();
    }

    @Test
    void closesAgainAfterSuccessfulTrialsOnEveryTrip() {
        for (int trip = 1; trip <= 5; trip++) {
            fail(3);
            assertThat(breaker.state()).as("trip %d", trip).isEqualTo(State.OPEN);
            assertThat(breaker.trips()).isEqualTo(trip);
            now.addAndGet(OPEN);
            assertThat(breaker.tryAcquire()).isTrue();
            assertThat(breaker.tryAcquire()).isTrue();
            breaker.succeeded();
            assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
            breaker.succeeded();
            assertThat(breaker.state()).as("closed after trip %d", trip).isEqualTo(State.CLOSED);
            assertThat(breaker.tryAcquire()).isTrue();
            breaker.succeeded();
        }
    }

    @Test
    void aFailedTrialOpensItAgainForAnotherFullTimeout() {
        fail(3);
        now.addAndGet(OPEN);
        assertThat(breaker.tryAcquire()).isTrue();
        breaker.failed();
        assertThat(breaker.state()).isEqualTo(State.OPEN);
        now.addAndGet(OPEN - 1);
        assertThat(breaker.allows()).isFalse();
        now.addAndGet(1);
        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
        assertThat(breaker.tryAcquire()).isTrue();
        assertThat(breaker.tryAcquire()).isTrue();
        breaker.succeeded();
        breaker.succeeded();
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void ignoresLateOutcomesWhileOpen() {
        fail(3);
        breaker.succeeded();
        breaker.failed();
        assertThat(breaker.state()).isEqualTo(State.OPEN);
        assertThat(breaker.trips()).isEqualTo(1);
    }

    @Test
    void neverOpensWhenDisabled() {
        CircuitBreaker off = new CircuitBreaker("a", new ResilienceSettings.Breaker(false, 1, OPEN, 1), now::get);
        for (int i = 0; i < 10; i++) {
            off.failed();
        }
        assertThat(off.state()).isEqualTo(State.CLOSED);
        assertThat(off.tryAcquire()).isTrue();
    }

    @Test
    void disablingItClosesAnOpenBreaker() {
        fail(3);
        breaker.reconfigure(new ResilienceSettings.Breaker(false, 3, OPEN, 2));
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        assertThat(breaker.tryAcquire()).isTrue();
    }
}
