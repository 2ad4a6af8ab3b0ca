package io.balance.proxy.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private final ResilienceSettings.Retry retry = new ResilienceSettings.Retry(5, 25 * MS, 250 * MS, 2.0, 0.2, 0, 0, 20, 3);

    @Test
    void growsExponentiallyUpToTheMaximum() {
        assertThat(Backoff.delayNanos(1, retry, 0.5)).isEqualTo(25 * MS);
        assertThat(Backoff.delayNanos(2, retry, 0.5)).isEqualTo(50 * MS);
        assertThat(Backoff.delayNanos(3, retry, 0.5)).isEqualTo(100 * MS);
        assertThat(Backoff.delayNanos(5, retry, 0.5)).isEqualTo(250 * MS);
        assertThat(Backoff.delayNanos(9, retry, 0.5)).isEqualTo(250 * MS);
    }

    @Test
    void jitterMovesTheDelayByAtMostItsFraction() {
        assertThat(Backoff.delayNanos(1, retry, 0.0)).isEqualTo(20 * MS);
        assertThat(Backoff.delayNanos(1, retry, 0.999_999)).isBetween(29 * MS, 30 * MS);
        for (int i = 0; i < 1000; i++) {
            assertThat(Backoff.delayNanos(2, retry)).isBetween(40 * MS, 60 * MS);
        }
    }
}
