package io.balance.proxy.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.balance.proxy.backend.Backend;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryBudgetTest {
    private static ResilienceSettings.Retry retry(int budgetPercent, int minRetries) {
        return new ResilienceSettings.Retry(3, 1, 1, 2.0, 0.2, 0, 0, budgetPercent, minRetries);
    }

    @Test
    void allowsThePercentOfActiveRequestsButAtLeastTheMinimum() {
        assertThat(RetryBudget.allowed(0, 20, 3)).isEqualTo(3);
        assertThat(RetryBudget.allowed(10, 20, 3)).isEqualTo(3);
        assertThat(RetryBudget.allowed(100, 20, 3)).isEqualTo(20);
        assertThat(RetryBudget.allowed(1000, 0, 2)).isEqualTo(2);
        assertThat(RetryBudget.allowed(1000, 100, 0)).isEqualTo(1000);
    }

    @Test
    void holdsRetriesInFlightUnderTheBudgetUntilTokensComeBack() {
        RetryBudget budget = new RetryBudget();
        List<Backend> idle = List.of(Backend.of("a", "127.0.0.1:1", 1));
        ResilienceSettings.Retry settings = retry(20, 2);
        assertThat(budget.tryAcquire(idle, settings)).isTrue();
        assertThat(budget.tryAcquire(idle, settings)).isTrue();
        assertThat(budget.tryAcquire(idle, settings)).isFalse();
        budget.release();
        assertThat(budget.inFlight()).isEqualTo(1);
        assertThat(budget.tryAcquire(idle, settings)).isTrue();
    }

    @Test
    void growsWithTheActiveRequestsOnTheBackends() {
        RetryBudget budget = new RetryBudget();
        Backend busy = Backend.of("a", "127.0.0.1:1", 1);
        for (int i = 0; i < 50; i++) {
            busy.requestStarted();
        }
        ResilienceSettings.Retry settings = retry(10, 1);
        int granted = 0;
        while (budget.tryAcquire(List.of(busy), settings)) {
            granted++;
        }
        assertThat(granted).isEqualTo(5);
    }
}
