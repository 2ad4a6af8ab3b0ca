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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PendingLimitFaultTest {
    private static final int CLIENTS = 20;
    private static final int PENDING = 4;
    /**
     * Connects the stalled backend's kernel completes anyway (its accept queue, backlog 1, holds
     * two); a completed connect gives its pending slot back, so up to this many more requests
     * may get one, depending on how the requests and the completions interleave.
     */
    private static final int QUEUED_AT_MOST = 2;

    private final TestHttpBackend a = TestHttpBackend.startNotAccepting("a");
    private RunningProxy proxy;

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.close();
        }
        a.close();
    }

    @Test
    void refusesRequestsPastThePendingLimitAtOnceAndServesAllOnceTheBackendIsFastAgain() throws Exception {
        // connect timeout far above the test's waits: a 503 here can only come from the limit
        proxy = RunningProxy.start("""
                mode: http
                backends:
                  - {name: a, address: "%s"}
                health_check: {enabled: false}
                timeouts: {connect: 30s}
                resilience: {limits: {max_pending_requests: %d}}
                """.formatted(a.address(), PENDING));

        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            answers.add(Traffic.CLIENT.sendAsync(HttpRequest.newBuilder(URI.create(proxy.url("/"))).timeout(Duration.ofSeconds(60))
                    .build(), HttpResponse.BodyHandlers.ofString()));
        }

        // While the backend takes no connection: the limit fills up and every request past it is refused.
        // Every request is either answered or holds a slot on the backend: the picture is complete.
        await().atMost(Duration.ofSeconds(20)).until(() -> answered(answers) >= CLIENTS - PENDING - QUEUED_AT_MOST
                && answered(answers) + Traffic.backend(proxy, "a").get("active_requests").asInt() == CLIENTS);
        assertThat(Traffic.backend(proxy, "a").get("pending_connects").asInt()).as("connects still waiting")
                .isBetween(PENDING - QUEUED_AT_MOST, PENDING);
        List<HttpResponse<String>> refused = answers.stream().filter(CompletableFuture::isDone).map(CompletableFuture::join).toList();
        assertThat(refused).allSatisfy(response -> {
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.body()).contains("pending_limit");
        });
        assertThat(refused).hasSizeBetween(CLIENTS - PENDING - QUEUED_AT_MOST, CLIENTS - PENDING);
        assertThat(Traffic.rejected(proxy, "pending_limit")).isEqualTo(refused.size());
        assertThat(Traffic.breaker(proxy, "a")).as("a limit is not the backend's failure").isZero();

        // The waiting connects go through at their next SYN retransmission (1s, 3s, 7s, ... after the first).
        a.acceptAgain();
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.get(45, TimeUnit.SECONDS);
            if (!refused.contains(response)) {
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            }
        }
        assertThat(Traffic.backend(proxy, "a").get("pending_connects").asInt()).isZero();

        // Fast again: as many clients as the limit, so that their connects can never exceed it.
        try (Traffic.Load load = new Traffic.Load(proxy, "/", PENDING)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> load.total() >= 200);
            assertThat(load.failures()).isEmpty();
        }
        assertThat(Traffic.rejected(proxy, "pending_limit")).as("no refusal since").isEqualTo(refused.size());
    }

    private static long answered(List<CompletableFuture<HttpResponse<String>>> answers) {
        return answers.stream().filter(CompletableFuture::isDone).count();
    }
}
