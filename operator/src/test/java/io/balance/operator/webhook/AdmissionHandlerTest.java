package io.balance.operator.webhook;

import static io.balance.operator.webhook.Reviews.create;
import static io.balance.operator.webhook.Reviews.proxy;
import static io.balance.operator.webhook.Reviews.response;
import static io.balance.operator.webhook.Reviews.update;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.balance.operator.Fixtures;
import io.balance.operator.crd.BalanceProxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdmissionHandlerTest {
    private final AdmissionHandler handler = new AdmissionHandler();

    private JsonNode answer(String review) throws Exception {
        AdmissionHandler.Reply reply = handler.handle(review.getBytes(StandardCharsets.UTF_8));
        assertThat(reply.status()).isEqualTo(200);
        JsonNode response = response(reply.body());
        assertThat(response.get("uid").asText()).isEqualTo("705ab4f5-6393-11e8-b7cc-42010a800002");
        return response;
    }

    @Test
    void admitsAValidProxyWithoutWarnings() throws Exception {
        JsonNode response = answer(create(Fixtures.quickstart()));
        assertThat(response.get("allowed").asBoolean()).isTrue();
        assertThat(response.has("warnings")).isFalse();
    }

    @Test
    void deniesWithEveryProblemAndItsFieldPath() throws Exception {
        JsonNode response = answer(create(proxy(s -> {
            s.withObjectProperty("loadBalancer").put("algorithm", "fastest");
            s.put("port", 9090);
        })));
        assertThat(response.get("allowed").asBoolean()).isFalse();
        JsonNode status = response.get("status");
        assertThat(status.get("code").asInt()).isEqualTo(422);
        assertThat(status.get("message").asText()).startsWith("BalanceProxy default/web is invalid:\n")
                .contains("spec.loadBalancer.algorithm: unknown algorithm \"fastest\"; valid: round-robin")
                .contains("spec.adminPort: must differ from port (9090)");
        List<String> fields = new ArrayList<>();
        status.at("/details/causes").forEach(c -> fields.add(c.get("field").asText()));
        assertThat(fields).contains("spec.loadBalancer.algorithm", "spec.adminPort");
    }

    @Test
    void returnsRiskyButLegalChoicesAsWarnings() throws Exception {
        JsonNode response = answer(create(proxy(s -> {
            s.put("replicas", 1);
            s.putObject("podDisruptionBudget").put("minAvailable", 1);
        })));
        assertThat(response.get("allowed").asBoolean()).isTrue();
        List<String> warnings = new ArrayList<>();
        response.get("warnings").forEach(w -> warnings.add(w.asText()));
        assertThat(warnings).anySatisfy(w -> assertThat(w).startsWith("spec.replicas: a single proxy pod"))
                .anySatisfy(w -> assertThat(w).startsWith("spec.podDisruptionBudget.minAvailable: 1 with replicas (1)"));
    }

    @Test
    void warnsWhenFixedReplicasAndAutoscalingAreBothSet() throws Exception {
        JsonNode response = answer(create(proxy(s -> s.putObject("autoscaling").put("maxReplicas", 4))));
        assertThat(response.get("allowed").asBoolean()).isTrue();
        assertThat(response.get("warnings").get(0).asText()).startsWith("spec.replicas: ignored while autoscaling is set");
    }

    @Test
    void anUpdateThatChangesTheModeNeedsTheAnnotation() throws Exception {
        BalanceProxy old = Fixtures.quickstart();
        BalanceProxy tcp = Fixtures.edited(old, s -> s.put("mode", "tcp"));
        JsonNode denied = answer(update(tcp, old));
        assertThat(denied.get("allowed").asBoolean()).isFalse();
        assertThat(denied.at("/status/message").asText()).contains("spec.mode: changing mode from http to tcp");

        tcp.getMetadata().setAnnotations(Map.of("balance.io/allow-mode-change", "true"));
        assertThat(answer(update(tcp, old)).get("allowed").asBoolean()).isTrue();
    }

    @Test
    void aCreateInTheOtherModeIsNoModeChange() throws Exception {
        assertThat(answer(create(proxy(s -> s.put("mode", "tcp")))).get("allowed").asBoolean()).isTrue();
    }

    @Test
    void metadataOnlyUpdatesOfAnInvalidObjectThatGotInArePassedWithAWarning() throws Exception {
        BalanceProxy bad = proxy(s -> s.put("port", 9090));
        BalanceProxy labelled = proxy(s -> s.put("port", 9090));
        labelled.getMetadata().setLabels(Map.of("team", "a"));
        JsonNode response = answer(update(labelled, bad));
        assertThat(response.get("allowed").asBoolean()).isTrue();
        assertThat(response.get("warnings").get(0).asText()).contains("spec.adminPort: must differ from port");
    }

    @Test
    void deletesAreAlwaysAllowed() throws Exception {
        assertThat(answer(Reviews.review("DELETE", null, proxy(s -> s.put("port", 9090)))).get("allowed").asBoolean()).isTrue();
    }

    @Test
    void aBodyThatIsNoAdmissionReviewIsA400() {
        assertThat(handler.handle("{}".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(400);
        assertThat(handler.handle("nope".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(400);
    }
}
