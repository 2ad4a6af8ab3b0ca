package io.balance.proxy.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LazyTimeoutTest {
    private final AtomicInteger expiries = new AtomicInteger();
    private EmbeddedChannel channel;
    private LazyTimeout timeout;

    @BeforeEach
    void frozenClock() {
        channel = new EmbeddedChannel();
        channel.freezeTime();
        timeout = new LazyTimeout(channel.eventLoop(), expiries::incrementAndGet);
    }

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    @Test
    void firesOnceAtTheDeadline() {
        timeout.arm(ms(10));
        advance(9);
        assertThat(expiries).hasValue(0);
        advance(1);
        assertThat(expiries).hasValue(1);
        assertThat(timeout.armed()).isFalse();
        advance(100);
        assertThat(expiries).hasValue(1);
    }

    @Test
    void disarmedNeverFires() {
        timeout.arm(ms(10));
        timeout.disarm();
        advance(50);
        assertThat(expiries).hasValue(0);
    }

    @Test
    void rearmingCountsFromTheNewArmNotTheFirst() {
        timeout.arm(ms(10));
        advance(2);
        timeout.disarm();
        advance(3);
        timeout.arm(ms(10));           // deadline now 15, the first task still fires at 10
        advance(5);
        assertThat(expiries).hasValue(0);
        advance(4);
        assertThat(expiries).hasValue(0);
        advance(1);
        assertThat(expiries).hasValue(1);
    }

    @Test
    void armingWhileArmedKeepsTheFirstDeadline() {
        timeout.arm(ms(10));
        advance(5);
        timeout.arm(ms(10));
        advance(5);
        assertThat(expiries).hasValue(1);
    }

    @Test
    void aShorterTimeoutThanThePendingTaskStillFiresOnTime() {
        timeout.arm(ms(1000));
        timeout.disarm();
        timeout.arm(ms(10));
        advance(10);
        assertThat(expiries).hasValue(1);
    }

    @Test
    void closeDropsThePendingTask() {
        timeout.arm(ms(10));
        timeout.close();
        advance(50);
        assertThat(expiries).hasValue(0);
        assertThat(channel.runScheduledPendingTasks()).as("nanos to the next scheduled task").isEqualTo(-1);
    }

    @Test
    void zeroTimeoutIsOff() {
        timeout.arm(0);
        assertThat(timeout.armed()).isFalse();
        advance(50);
        assertThat(expiries).hasValue(0);
    }

    private void advance(long millis) {
        channel.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
    }

    private static long ms(long millis) {
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }
}
