package io.balance.proxy.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.balance.proxy.testing.RunningProxy;
import io.balance.proxy.testing.TestHttpBackend;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RetryBudgetFaultTest {
    private static final int CLIENTS = 30;
    private static final int MIN_RETRIES = 2;

    @RegisterExtension
    final TwoBackends stage = new TwoBackends();
    private final TestHttpBackend a = stage.a;
    private final TestHttpBackend b = stage.b;
    private RunningProxy proxy;

    @Test
    void holdsRetriesUnderTheBudgetDuringAFullOutage() throws Exception {
        // Breakers and ejection off, so every request reaches the dead backends and wants retries;
        // a long backoff keeps each granted retry in flight while the other requests arrive.
        proxy = stage.proxy("""
                load_balancer: {algorithm: round-robin}
                health_check: {enabled: false, passive_checks: {enabled: false}}
                resilience:
                  circuit_breaker: {enabled: false}
                  retry: {max_attempts: 3, initial_delay: 1s, max_delay: 1s, budget_percent: 0, min_retries: %d}
                """.formatted(MIN_RETRIES));
        a.kill();
        b.kill();
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            answers.add(Traffic.CLIENT.sendAsync(HttpRequest.newBuilder(URI.create(proxy.url("/"))).timeout(Duration.ofSeconds(20))
                    .build(), HttpResponse.BodyHandlers.ofString()));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> Traffic.metric(proxy, "balance_retry_budget_exhausted_total") > 0);
        assertThat(proxy.server().state().resilience().retryBudget().inFlight()).isLessThanOrEqualTo(MIN_RETRIES);
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            assertThat(answer.get().statusCode()).isEqualTo(502);
        }
        double retries = Traffic.retries(proxy, "a") + Traffic.retries(proxy, "b");
        double exhausted = Traffic.metric(proxy, "balance_retry_budget_exhausted_total");
        double withToken = CLIENTS - exhausted;
        assertThat(exhausted).as("most requests found the budget spent").isGreaterThanOrEqualTo(CLIENTS - 5 * MIN_RETRIES);
        assertThat(retries).as("each request with a token retried max_attempts - 1 times").isEqualTo(2 * withToken);
        assertThat(retries).as("without a budget: %d", 2 * CLIENTS).isLessThanOrEqualTo(2 * 5 * MIN_RETRIES);
        // each 502 counted once, under one of the two reasons a 502 can have: a CI run once
        // counted 5 of the 30 outside connect_failed, and backend_error is the only other one
        assertThat(Traffic.rejected(proxy, "connect_failed") + Traffic.rejected(proxy, "backend_error"))
                .as(proxy.samples("balance_rejected_requests_total")).isEqualTo(CLIENTS);
        assertThat(proxy.server().state().resilience().retryBudget().inFlight()).as("every token came back").isZero();
    }
}
