package io.balance.proxy.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.balance.proxy.testing.RunningProxy;
import io.balance.proxy.testing.TestHttpBackend;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RetryTest {
    private final TestHttpBackend a = TestHttpBackend.start("a");
    private RunningProxy proxy;

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.close();
        }
        a.close();
    }

    /** One backend, breaker and ejection off: only retry behaviour is left to see. */
    private RunningProxy proxy(String retry) {
        proxy = RunningProxy.start("""
                mode: http
                backends:
                  - {name: a, address: "%s"}
                health_check: {enabled: false, passive_checks: {enabled: false}}
                resilience: {circuit_breaker: {enabled: false}, retry: {%s}}
                """.formatted(a.address(), retry));
        return proxy;
    }

    @Test
    void retriesAnIdempotentRequestOnARetryOnStatusUpToMaxAttemptsInAll() throws Exception {
        proxy("max_attempts: 3");
        a.forceStatus(503);
        HttpResponse<String> response = Traffic.get(proxy, "/x");
        assertThat(response.statusCode()).as("the last attempt's answer is forwarded").isEqualTo(503);
        assertThat(response.body()).isEqualTo("a");
        assertThat(a.requests("/x")).isEqualTo(3);
        assertThat(Traffic.retries(proxy, "a")).isEqualTo(2.0);
        assertThat(Traffic.requests(proxy, "a", 503)).isEqualTo(1.0);
    }

    @Test
    void doesNotRetryAStatusOutsideRetryOn() throws Exception {
        proxy("retry_on: [502]");
        a.forceStatus(503);
        assertThat(Traffic.get(proxy, "/x").statusCode()).isEqualTo(503);
        assertThat(a.requests("/x")).isEqualTo(1);
        assertThat(Traffic.retries(proxy, "a")).isZero();
    }

    @Test
    void neverRetriesARequestWithABodyOrANonIdempotentMethod() throws Exception {
        proxy("max_attempts: 3");
        a.forceStatus(503);
        HttpResponse<String> post = Traffic.CLIENT.send(HttpRequest.newBuilder(URI.create(proxy.url("/post")))
                .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(503);
        assertThat(a.requests("/post")).isEqualTo(1);
        HttpResponse<String> put = Traffic.CLIENT.send(HttpRequest.newBuilder(URI.create(proxy.url("/put")))
                .PUT(HttpRequest.BodyPublishers.ofString("payload")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).isEqualTo(503);
        assertThat(a.requests("/put")).as("PUT is idempotent but its body was streamed").isEqualTo(1);
        assertThat(Traffic.retries(proxy, "a")).isZero();
    }

    @Test
    void makesOneAttemptWhenRetriesAreDisabled() throws Exception {
        proxy("enabled: false, max_attempts: 5");
        a.forceStatus(503);
        assertThat(Traffic.get(proxy, "/x").statusCode()).isEqualTo(503);
        assertThat(a.requests("/x")).isEqualTo(1);
        assertThat(Traffic.retries(proxy, "a")).isZero();
    }

    @Test
    void replaysABodylessRequestWhoseConnectionClosedBeforeAnswering() throws Exception {
        proxy("max_attempts: 2");
        HttpResponse<String> response = Traffic.get(proxy, "/close");
        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.body()).contains("backend closed the connection");
        assertThat(a.requests("/close")).isEqualTo(2);
        assertThat(Traffic.rejected(proxy, "backend_error")).isEqualTo(1.0);
        for (int i = 0; i < 5; i++) {
            assertThat(Traffic.get(proxy, "/after").statusCode()).as("pooled connections are left clean").isEqualTo(200);
        }
    }
}
