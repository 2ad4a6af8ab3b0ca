package io.balance.operator.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class VersionsTest {
    private final MutableClock clock = new MutableClock(Instant.ofEpochMilli(1_700_000_000_000L));

    @Test
    void isTheEpochMillisecondWhenThatIsAhead() {
        assertThat(Versions.next(0, 0, clock)).isEqualTo(1_700_000_000_000L);
    }

    @Test
    void staysStrictlyIncreasingWithinOneMillisecondAndWhenTheClockStepsBack() {
        long first = Versions.next(0, 0, clock);
        long second = Versions.next(first, 0, clock);
        clock.advance(Duration.ofMinutes(-5));
        long third = Versions.next(second, 0, clock);

        assertThat(second).isEqualTo(first + 1);
        assertThat(third).isEqualTo(second + 1);
    }

    @Test
    void goesPastTheHighestVersionAPodReports() {
        assertThat(Versions.next(5, 1_800_000_000_000L, clock)).isEqualTo(1_800_000_000_001L);
    }
}
