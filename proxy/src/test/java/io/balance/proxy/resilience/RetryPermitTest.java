package io.balance.proxy.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.balance.proxy.backend.Backend;
import io.balance.proxy.metrics.MeterNames;
import io.balance.proxy.metrics.ProxyMetrics;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The retry rules HTTP requests and TCP failovers share. */
class RetryPermitTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final ResilienceSettings.Retry RETRY = new ResilienceSettings.Retry(3, 100 * MS, 300 * MS, 2.0, 0.0, 0, 0, 0, 1);

    private final ProxyMetrics metrics = new ProxyMetrics();
    private final RetryBudget budget = new RetryBudget();
    private final List<Backend> backends = List.of(Backend.of("a", "127.0.0.1:1", 1));

    private double exhausted() {
        return metrics.registry().get(MeterNames.RETRY_BUDGET_EXHAUSTED).counter().count();
    }

    @Test
    void waitsTheBackoffBeforeEachRetryAndHoldsOneTokenUntilReleased() {
        RetryPermit permit = new RetryPermit(budget, metrics);

        assertThat(permit.nextDelayNanos(1, RETRY, backends)).isEqualTo(100 * MS);
        assertThat(permit.nextDelayNanos(2, RETRY, backends)).isEqualTo(200 * MS);
        assertThat(budget.inFlight()).as("one token for all retries of one request").isEqualTo(1);

        permit.release();
        permit.release();
        assertThat(budget.inFlight()).isZero();
    }

    @Test
    void noRetryOnceTheAttemptsAreUsedUp() {
        RetryPermit permit = new RetryPermit(budget, metrics);

        assertThat(permit.nextDelayNanos(3, RETRY, backends)).isEqualTo(RetryPermit.NO_RETRY);
        assertThat(budget.inFlight()).as("no token taken").isZero();
        assertThat(exhausted()).isZero();
    }

    @Test
    void noRetryWhenTheBudgetIsSpentAndTheRefusalIsCounted() {
        RetryPermit first = new RetryPermit(budget, metrics);
        RetryPermit second = new RetryPermit(budget, metrics);
        assertThat(first.nextDelayNanos(1, RETRY, backends)).isPositive();

        assertThat(second.nextDelayNanos(1, RETRY, backends)).isEqualTo(RetryPermit.NO_RETRY);
        assertThat(exhausted()).isEqualTo(1.0);

        first.release();
        assertThat(second.nextDelayNanos(1, RETRY, backends)).as("the token came back").isPositive();
    }
}
