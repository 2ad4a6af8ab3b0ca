package io.balance.operator.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.balance.operator.Fixtures;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Raw AdmissionReview JSON over HTTPS to the running server, trusting only the generated CA. */
class WebhookServerTest {
    private static final ServingNames LOCAL = new ServingNames(List.of("localhost"), List.of("127.0.0.1"));
    private WebhookTls tls;
    private WebhookServer server;
    private String url;

    @BeforeEach
    void start() throws Exception {
        tls = WebhookTls.issue(LOCAL, Instant.now(), Duration.ofDays(30));
        server = WebhookServer.start(new InetSocketAddress("127.0.0.1", 0), tls, new AdmissionHandler());
        url = "https://127.0.0.1:" + server.port() + WebhookServer.PATH;
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void answersAnAdmissionReviewOverTls() throws Exception {
        HttpResponse<String> ok = new TrustingClient(tls.trusted()).post(url, Reviews.create(Fixtures.quickstart()));
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode review = Reviews.JSON.readTree(ok.body());
        assertThat(review.get("apiVersion").asText()).isEqualTo("admission.k8s.io/v1");
        assertThat(review.get("kind").asText()).isEqualTo("AdmissionReview");
        assertThat(review.at("/response/allowed").asBoolean()).isTrue();

        HttpResponse<String> denied = new TrustingClient(tls.trusted())
                .post(url, Reviews.create(Reviews.proxy(s -> s.withObjectProperty("loadBalancer").put("algorithm", "fastest"))));
        assertThat(Reviews.response(denied.body()).at("/status/message").asText())
                .contains("spec.loadBalancer.algorithm: unknown algorithm \"fastest\"; valid: round-robin");
    }

    @Test
    void speaksTls12AndTls13Only() throws Exception {
        for (String protocol : List.of("TLSv1.2", "TLSv1.3")) {
            assertThat(new TrustingClient(tls.trusted(), protocol).post(url, Reviews.create(Fixtures.quickstart())).statusCode())
                    .as(protocol).isEqualTo(200);
        }
        assertThatThrownBy(() -> new TrustingClient(tls.trusted(), "TLSv1.1").post(url, Reviews.create(Fixtures.quickstart())))
                .isInstanceOf(Exception.class);
    }

    @Test
    void rejectsOtherMethodsAndMalformedBodies() throws Exception {
        TrustingClient client = new TrustingClient(tls.trusted());
        assertThat(client.post(url, "not json").statusCode()).isEqualTo(400);
        assertThat(client.post("https://127.0.0.1:" + server.port() + "/other", "{}").statusCode()).isEqualTo(404);
    }

    @Test
    void servesARotatedCertificateWithoutRestarting() throws Exception {
        WebhookTls rotated = tls.rotate(LOCAL, Instant.now(), Duration.ofDays(30));
        server.reload(rotated);

        // a client that only knows the new CA now succeeds; one that only knows the old CA fails
        assertThat(new TrustingClient(List.of(rotated.currentCa())).post(url, Reviews.create(Fixtures.quickstart())).statusCode())
                .isEqualTo(200);
        assertThatThrownBy(() -> new TrustingClient(List.of(tls.currentCa())).post(url, Reviews.create(Fixtures.quickstart())))
                .isInstanceOf(SSLHandshakeException.class);
        // the bundle (old + new) is trusted throughout
        assertThat(new TrustingClient(rotated.trusted()).post(url, Reviews.create(Fixtures.quickstart())).statusCode()).isEqualTo(200);
    }
}
