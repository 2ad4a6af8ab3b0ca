package io.balance.proxy.http;

import static io.balance.proxy.http.ConnectionTimers.DEADLINE;
import static io.balance.proxy.http.ConnectionTimers.HEAD;
import static io.balance.proxy.http.ConnectionTimers.IDLE;
import static io.balance.proxy.http.ConnectionTimers.RESPONSE;
import static io.balance.proxy.http.ConnectionTimers.WRITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A connection's timers, filed with those of the other connections on its event loop, on a frozen clock. */
class ConnectionTimersTest {
    private static final String[] NAMES = {"head", "deadline", "response", "write", "idle"};
    private final List<String> fired = new ArrayList<>();
    private final EmbeddedChannel channel = frozen();
    private final EventLoopTimers loop = new EventLoopTimers(channel.eventLoop());
    private final ConnectionTimers timers = timers(0);

    private static EmbeddedChannel frozen() {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.freezeTime();
        return channel;
    }

    private ConnectionTimers timers(long idleMillis) {
        ConnectionTimers t = new ConnectionTimers(loop, ms(idleMillis));
        t.listen(timer -> fired.add(NAMES[timer]));
        return t;
    }

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    @Test
    void eachTimerFiresAtItsOwnDeadline() {
        timers.arm(DEADLINE, ms(30));
        timers.arm(RESPONSE, ms(10));
        timers.arm(WRITE, ms(20));
        timers.arm(HEAD, ms(25));
        advance(9);
        assertThat(fired).isEmpty();
        advance(1);
        assertThat(fired).containsExactly("response");
        advance(10);
        assertThat(fired).containsExactly("response", "write");
        advance(5);
        assertThat(fired).containsExactly("response", "write", "head");
        advance(5);
        assertThat(fired).containsExactly("response", "write", "head", "deadline");
        advance(100);
        assertThat(fired).hasSize(4);
    }

    @Test
    void aCancelledTimerNeverFiresAndTheOthersStillDo() {
        timers.arm(DEADLINE, ms(30));
        timers.arm(RESPONSE, ms(10));
        timers.cancel(RESPONSE);
        advance(29);
        assertThat(fired).isEmpty();
        advance(1);
        assertThat(fired).containsExactly("deadline");
    }

    @Test
    void armingARunningTimerKeepsItsDeadline() {
        timers.arm(RESPONSE, ms(10));
        advance(5);
        timers.arm(RESPONSE, ms(10));
        advance(5);
        assertThat(fired).containsExactly("response");
    }

    @Test
    void anEarlierDeadlineArmedLaterIsNotMissed() {
        timers.arm(DEADLINE, ms(50));
        timers.arm(WRITE, ms(5));
        advance(5);
        assertThat(fired).containsExactly("write");
    }

    @Test
    void timersDueTogetherFireInOrder() {
        timers.arm(WRITE, ms(10));
        timers.arm(RESPONSE, ms(10));
        timers.arm(DEADLINE, ms(10));
        timers.arm(HEAD, ms(10));
        advance(10);
        assertThat(fired).containsExactly("head", "deadline", "response", "write");
    }

    @Test
    void aCallbackThatEndsTheExchangeStopsTheTimersDueWithIt() {
        timers.listen(timer -> {
            if (timer == DEADLINE) {
                timers.cancelExchange();
            }
        });
        timers.arm(RESPONSE, ms(10));
        timers.arm(DEADLINE, ms(10));
        timers.arm(HEAD, ms(20));
        advance(10);
        assertThat(fired).containsExactly("deadline");
        advance(10);
        assertThat(fired).as("cancelExchange leaves the head timer").containsExactly("deadline", "head");
    }

    @Test
    void everyExpiryGoesToBothListenersAndAThirdIsRefused() {
        List<Integer> second = new ArrayList<>();
        timers.listen(second::add);
        timers.arm(WRITE, ms(5));
        timers.arm(HEAD, ms(5));
        advance(5);
        assertThat(fired).containsExactly("head", "write");
        assertThat(second).containsExactly(HEAD, WRITE);
        assertThatThrownBy(() -> timers.listen(timer -> { })).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void idleFiresAfterEachQuietPeriodAndTouchingPushesItBack() {
        ConnectionTimers idle = timers(10);
        idle.touch();
        advance(8);
        idle.touch();
        advance(8);
        assertThat(fired).isEmpty();
        advance(2);
        assertThat(fired).containsExactly("idle");
        advance(10);
        assertThat(fired).containsExactly("idle", "idle");
    }

    @Test
    void closeLeavesNothingToFireAndIgnoresLaterArms() {
        ConnectionTimers idle = timers(10);
        idle.touch();
        idle.arm(DEADLINE, ms(10));
        idle.close();
        idle.arm(RESPONSE, ms(5));
        idle.touch();
        advance(50);
        assertThat(fired).isEmpty();
    }

    @Test
    void theConnectionsOfOneLoopEachFireAtTheirOwnDeadlinesAndAClosedOneNever() {
        List<String> order = new ArrayList<>();
        ConnectionTimers[] connections = new ConnectionTimers[4];
        for (int i = 0; i < connections.length; i++) {
            String name = "c" + i;
            connections[i] = new ConnectionTimers(loop, 0);
            connections[i].listen(timer -> order.add(name + ":" + NAMES[timer]));
        }
        connections[0].arm(RESPONSE, ms(30));
        connections[1].arm(HEAD, ms(10));
        connections[2].arm(DEADLINE, ms(20));
        connections[3].arm(WRITE, ms(15));
        connections[2].arm(WRITE, ms(5));
        connections[3].close();
        advance(5);
        assertThat(order).containsExactly("c2:write");
        advance(5);
        assertThat(order).containsExactly("c2:write", "c1:head");
        advance(10);
        assertThat(order).containsExactly("c2:write", "c1:head", "c2:deadline");
        connections[0].cancel(RESPONSE);
        advance(100);
        assertThat(order).as("c0 cancelled, c3 closed").containsExactly("c2:write", "c1:head", "c2:deadline");
    }

    @Test
    void anIdleConnectionStaysFiledWhileAnotherComesAndGoes() {
        ConnectionTimers idle = timers(40);
        idle.touch();
        List<String> other = new ArrayList<>();
        ConnectionTimers busy = new ConnectionTimers(loop, 0);
        busy.listen(timer -> other.add(NAMES[timer]));
        busy.arm(HEAD, ms(10));
        advance(10);
        assertThat(other).containsExactly("head");
        busy.arm(HEAD, ms(10));
        busy.close();
        advance(29);
        assertThat(fired).isEmpty();
        advance(1);
        assertThat(fired).containsExactly("idle");
        assertThat(other).containsExactly("head");
    }

    private void advance(long millis) {
        channel.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
    }

    private static long ms(long millis) {
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }
}
