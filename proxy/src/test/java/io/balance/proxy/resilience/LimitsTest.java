package io.balance.proxy.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.balance.proxy.testing.RunningProxy;
import io.balance.proxy.testing.TestHttpBackend;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LimitsTest {
    private final TestHttpBackend a = TestHttpBackend.start("a");
    private RunningProxy proxy;

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.close();
        }
        a.close();
    }

    /** One event loop: backend connections are pooled per loop, and the client may use any of its connections. */
    private RunningProxy proxy(String limits) {
        proxy = RunningProxy.start("""
                mode: http
                backends:
                  - {name: a, address: "%s"}
                health_check: {enabled: false}
                transport: {event_loops: 1}
                resilience: {limits: {%s}}
                """.formatted(a.address(), limits));
        return proxy;
    }

    private CompletableFuture<HttpResponse<String>> slowRequestInFlight() {
        CompletableFuture<HttpResponse<String>> slow = Traffic.CLIENT.sendAsync(HttpRequest.newBuilder(URI.create(
                proxy.url("/delay/1500"))).timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(10)).until(() -> a.requests("/delay/1500") == 1);
        return slow;
    }

    @Test
    void answers503WithTheReasonWhenTheRequestLimitIsReached() throws Exception {
        proxy("max_requests: 1");
        CompletableFuture<HttpResponse<String>> slow = slowRequestInFlight();
        HttpResponse<String> refused = Traffic.get(proxy, "/");
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.body()).contains("request_limit");
        assertThat(Traffic.rejected(proxy, "request_limit")).isEqualTo(1.0);
        assertThat(slow.get().statusCode()).isEqualTo(200);
        assertThat(Traffic.get(proxy, "/").statusCode()).as("the slot came back").isEqualTo(200);
        assertThat(Traffic.breaker(proxy, "a")).as("a limit is not the backend's failure").isZero();
    }

    @Test
    void answers503WithTheReasonWhenTheConnectionLimitIsReached() throws Exception {
        proxy("max_connections: 1");
        CompletableFuture<HttpResponse<String>> slow = slowRequestInFlight();
        HttpResponse<String> refused = Traffic.get(proxy, "/");
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.body()).contains("connection_limit");
        assertThat(Traffic.rejected(proxy, "connection_limit")).isEqualTo(1.0);
        assertThat(slow.get().statusCode()).isEqualTo(200);
        HttpResponse<String> third = Traffic.get(proxy, "/");
        assertThat(third.statusCode()).as("the pooled connection is reused: " + third.body()).isEqualTo(200);
        assertThat(a.connections()).isEqualTo(1);
    }
}
