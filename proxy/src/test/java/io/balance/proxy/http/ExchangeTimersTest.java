package io.balance.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Three timers on one scheduled task, on a frozen clock. */
class ExchangeTimersTest {
    private final List<String> fired = new ArrayList<>();
    private final EmbeddedChannel channel = frozen();
    private final ExchangeTimers timers = new ExchangeTimers(channel.eventLoop(),
            () -> fired.add("response"), () -> fired.add("deadline"), () -> fired.add("write"));

    private static EmbeddedChannel frozen() {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.freezeTime();
        return channel;
    }

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    @Test
    void eachTimerFiresAtItsOwnDeadline() {
        timers.armDeadline(ms(30));
        timers.armResponse(ms(10));
        timers.armWrite(ms(20));
        advance(9);
        assertThat(fired).isEmpty();
        advance(1);
        assertThat(fired).containsExactly("response");
        advance(10);
        assertThat(fired).containsExactly("response", "write");
        advance(10);
        assertThat(fired).containsExactly("response", "write", "deadline");
        advance(100);
        assertThat(fired).hasSize(3);
    }

    @Test
    void aCancelledTimerNeverFiresAndTheOthersStillDo() {
        timers.armDeadline(ms(30));
        timers.armResponse(ms(10));
        timers.cancelResponse();
        advance(29);
        assertThat(fired).isEmpty();
        advance(1);
        assertThat(fired).containsExactly("deadline");
    }

    @Test
    void armingARunningTimerKeepsItsDeadline() {
        timers.armResponse(ms(10));
        advance(5);
        timers.armResponse(ms(10));
        advance(5);
        assertThat(fired).containsExactly("response");
    }

    @Test
    void anEarlierDeadlineArmedLaterIsNotMissed() {
        timers.armDeadline(ms(50));
        timers.armWrite(ms(5));
        advance(5);
        assertThat(fired).containsExactly("write");
    }

    @Test
    void timersDueTogetherFireDeadlineFirst() {
        timers.armWrite(ms(10));
        timers.armResponse(ms(10));
        timers.armDeadline(ms(10));
        advance(10);
        assertThat(fired).containsExactly("deadline", "response", "write");
    }

    @Test
    void aCallbackThatEndsTheExchangeStopsTheTimersDueWithIt() {
        ExchangeTimers[] ending = new ExchangeTimers[1];
        ending[0] = new ExchangeTimers(channel.eventLoop(), () -> fired.add("response"), () -> {
            fired.add("deadline");
            ending[0].cancelAll();
        }, () -> fired.add("write"));
        ending[0].armResponse(ms(10));
        ending[0].armDeadline(ms(10));
        advance(10);
        assertThat(fired).containsExactly("deadline");
    }

    @Test
    void cancelAllAndCloseLeaveNothingToFire() {
        timers.armDeadline(ms(10));
        timers.armResponse(ms(10));
        timers.cancelAll();
        advance(20);
        timers.armWrite(ms(10));
        timers.close();
        advance(20);
        assertThat(fired).isEmpty();
    }

    private void advance(long millis) {
        channel.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
    }

    private static long ms(long millis) {
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }
}
