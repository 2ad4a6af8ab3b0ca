package io.balance.proxy.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.balance.proxy.health.EjectionPool;
import io.balance.proxy.health.OutlierDetector;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class OutlierDetectorTest {
    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong(5 * SECOND);
    private final EjectionPool pool = new EjectionPool();
    private final ResilienceSettings.Passive passive = passive(0.0);

    private static ResilienceSettings.Passive passive(double errorRate) {
        return new ResilienceSettings.Passive(true, 3, errorRate, 10 * SECOND, 10, 30 * SECOND, 100 * SECOND, 50);
    }

    private OutlierDetector member(String name) {
        OutlierDetector detector = new OutlierDetector(name, now::get);
        pool.add(detector);
        return detector;
    }

    /** Fails until the detector asks for an ejection, then asks the pool; returns the pool's answer. */
    private boolean failUntilEjectionAsked(OutlierDetector detector, ResilienceSettings.Passive settings) {
        for (int i = 0; i < 1000; i++) {
            if (detector.recordFailure(settings)) {
                return pool.tryEject(detector, settings);
            }
        }
        throw new AssertionError("never asked for an ejection");
    }

    @Test
    void ejectsAfterConsecutiveFailuresAndReturnsWhenTheTimeIsUp() {
        OutlierDetector a = member("a");
        member("b");
        assertThat(a.recordFailure(passive)).isFalse();
        assertThat(a.recordFailure(passive)).isFalse();
        assertThat(a.recordFailure(passive)).isTrue();
        assertThat(pool.tryEject(a, passive)).isTrue();
        assertThat(a.ejected()).isTrue();
        assertThat(a.reason()).contains("3 failures in a row").contains("ejection 1");
        now.addAndGet(30 * SECOND - 1);
        assertThat(a.ejected()).isTrue();
        now.addAndGet(1);
        assertThat(a.ejected()).isFalse();
        assertThat(a.ejections()).isEqualTo(1);
    }

    @Test
    void aSuccessBreaksTheRun() {
        OutlierDetector a = member("a");
        a.recordFailure(passive);
        a.recordFailure(passive);
        a.recordSuccess(passive);
        assertThat(a.recordFailure(passive)).isFalse();
    }

    @Test
    void eachEjectionInARowLastsLongerUpToTheMaximum() {
        OutlierDetector a = member("a");
        member("b");
        long[] expected = {30, 60, 90, 100, 100};
        for (long seconds : expected) {
            assertThat(failUntilEjectionAsked(a, passive)).isTrue();
            now.addAndGet(seconds * SECOND - 1);
            assertThat(a.ejected()).as("still out just before %ds", seconds).isTrue();
            now.addAndGet(1);
            assertThat(a.ejected()).as("back after %ds", seconds).isFalse();
        }
    }

    @Test
    void theEjectionCountDecaysAfterAHealthyStretch() {
        OutlierDetector a = member("a");
        member("b");
        failUntilEjectionAsked(a, passive);
        now.addAndGet(30 * SECOND);
        failUntilEjectionAsked(a, passive);
        now.addAndGet(60 * SECOND);
        assertThat(a.ejected()).isFalse();
        now.addAndGet(60 * SECOND);
        failUntilEjectionAsked(a, passive);
        assertThat(a.reason()).as("two quiet ejection times took the count from 2 to 0").contains("ejection 1");
    }

    @Test
    void neverEjectsMoreThanMaxEjectionPercentOfThePool() {
        OutlierDetector a = member("a");
        OutlierDetector b = member("b");
        OutlierDetector c = member("c");
        member("d");
        assertThat(failUntilEjectionAsked(a, passive)).isTrue();
        assertThat(failUntilEjectionAsked(b, passive)).isTrue();
        assertThat(failUntilEjectionAsked(c, passive)).as("half of four are out already").isFalse();
        assertThat(c.ejected()).isFalse();
        now.addAndGet(30 * SECOND);
        assertThat(failUntilEjectionAsked(c, passive)).as("a and b are back").isTrue();
    }

    @Test
    void ejectsOnTheErrorRateOverTheWindowOnceThereAreEnoughRequests() {
        ResilienceSettings.Passive byRate = passive(0.3);
        OutlierDetector a = member("a");
        member("b");
        for (int i = 0; i < 6; i++) {
            a.recordSuccess(byRate);
        }
        assertThat(a.recordFailure(byRate)).as("7 requests: below the minimum of 10").isFalse();
        a.recordSuccess(byRate);
        assertThat(a.recordFailure(byRate)).isFalse();
        a.recordSuccess(byRate);
        assertThat(a.recordFailure(byRate)).as("3 of 11 failed: 27%").isFalse();
        assertThat(a.recordFailure(byRate)).as("4 of 12 failed: 33%, never 3 in a row").isTrue();
    }

    @Test
    void oldOutcomesLeaveTheWindow() {
        ResilienceSettings.Passive byRate = passive(0.3);
        OutlierDetector a = member("a");
        for (int i = 0; i < 4; i++) {
            a.recordFailure(byRate);
            a.recordSuccess(byRate);
        }
        now.addAndGet(11 * SECOND);
        for (int i = 0; i < 9; i++) {
            a.recordSuccess(byRate);
        }
        assertThat(a.recordFailure(byRate)).as("only 1 of 10 failed within the window").isFalse();
    }

    @Test
    void doesNothingWhenPassiveChecksAreOff() {
        OutlierDetector a = member("a");
        ResilienceSettings.Passive off = new ResilienceSettings.Passive(false, 1, 0.0, SECOND, 1, SECOND, SECOND, 100);
        assertThat(a.recordFailure(off)).isFalse();
    }
}
