package io.balance.operator.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.balance.operator.Fixtures;
import io.balance.operator.crd.BalanceProxy;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Problems come back with the field path the user wrote, spelled for the resource. */
class SpecValidatorTest {
    private final SpecValidator validator = new SpecValidator();

    @Test
    void acceptsTheExamples() {
        assertThat(validator.validate(Fixtures.quickstart()).problems()).isEmpty();
        assertThat(validator.validate(Fixtures.autoscaled()).problems()).isEmpty();
    }

    @Test
    void rendersProxyBehaviourPathsInTheResourcesSpelling() {
        SpecValidation v = validate(spec -> {
            spec.withObjectProperty("loadBalancer").put("algorithm", "fastest");
            spec.withObjectProperty("healthCheck").put("interval", "5x");
            spec.withObjectProperty("resilience").withObjectProperty("retry").put("initialDelay", "2s").put("maxDelay", "1s");
        });
        assertThat(v.accepted()).isFalse();
        assertThat(v.errorMessages()).anySatisfy(m -> assertThat(m).startsWith("spec.loadBalancer.algorithm: unknown algorithm \"fastest\""))
                .anySatisfy(m -> assertThat(m).startsWith("spec.healthCheck.interval: invalid duration \"5x\""))
                .anySatisfy(m -> assertThat(m).startsWith("spec.resilience.retry.maxDelay: must be at least initial_delay"));
    }

    @Test
    void mapsOperatorDerivedKeysBackToTheSpecFieldsTheyCameFrom() {
        SpecValidation v = validate(spec -> {
            spec.remove("backend");
            spec.putObject("backend").putArray("addresses").add("10.0.0.1:80").add("no-port");
            spec.putObject("tls").put("secretName", "web-tls");
        });
        assertThat(v.errorMessages())
                .anySatisfy(m -> assertThat(m).startsWith("spec.backend.addresses[1]: address \"no-port\" has no port"))
                .anySatisfy(m -> assertThat(m).startsWith("spec.tls.secretName: TLS termination is not supported yet"));
    }

    @Test
    void checksTheSlowStartWindowWithTheProxysRules() {
        SpecValidation tooLong = validate(spec -> spec.withObjectProperty("loadBalancer").put("slowStartWindow", "2h"));
        assertThat(tooLong.accepted()).isFalse();
        assertThat(tooLong.errorMessages()).containsExactly("spec.loadBalancer.slowStartWindow: must be at most 1h (e.g. 30s); got 2h");

        SpecValidation hashing = validate(spec -> spec.withObjectProperty("loadBalancer")
                .put("algorithm", "ip-hash").put("slowStartWindow", "30s"));
        assertThat(hashing.accepted()).isTrue();
        assertThat(hashing.warningMessages()).singleElement().asString()
                .startsWith("spec.loadBalancer.slowStartWindow: has no effect with ip-hash");
    }

    @Test
    void rejectsTheSamePortForTrafficAndAdmin() {
        SpecValidation v = validate(spec -> spec.put("port", 9090));
        assertThat(v.errorMessages()).anySatisfy(m -> assertThat(m).startsWith("spec.adminPort: must differ from port (9090)"));
        assertThat(v.errorMessages()).hasSize(1);
    }

    @Test
    void checksTheKubernetesOnlyFields() {
        SpecValidation v = validate(spec -> {
            spec.withObjectProperty("backend").putArray("addresses").add("10.0.0.1:80");
            spec.putObject("autoscaling").put("minReplicas", 5).put("maxReplicas", 3);
            spec.putObject("podDisruptionBudget");
            spec.put("image", "bad image");
        });
        assertThat(v.errorMessages()).contains(
                "spec.backend: set either serviceName (with port) or addresses, not both",
                "spec.autoscaling.minReplicas: must not exceed maxReplicas (3); got 5",
                "spec.podDisruptionBudget: set exactly one of minAvailable and maxUnavailable",
                "spec.image: must be an image reference without spaces, e.g. balance/proxy:0.1.0");
        assertThat(v.warningMessages()).containsExactly(
                "spec.replicas: ignored while autoscaling is set: the HorizontalPodAutoscaler owns the replica count");
    }

    @Test
    void aModeChangeNeedsTheAnnotation() {
        BalanceProxy tcp = Fixtures.copy(Fixtures.quickstart(), "default", "web", spec -> spec.put("mode", "tcp"));
        assertThat(validator.validate(tcp, "http").errorMessages()).singleElement().asString()
                .startsWith("spec.mode: changing mode from http to tcp restarts every pod");

        tcp.getMetadata().setAnnotations(java.util.Map.of("balance.io/allow-mode-change", "true"));
        assertThat(validator.validate(tcp, "http").accepted()).isTrue();
        assertThat(validator.validate(tcp, "tcp").accepted()).isTrue();
    }

    @Test
    void aMissingSpecIsOneClearProblem() {
        BalanceProxy empty = new BalanceProxy();
        empty.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("x").build());
        assertThat(validator.validate(empty).errorMessages()).singleElement().asString()
                .startsWith("spec: required");
    }

    private SpecValidation validate(Consumer<ObjectNode> edit) {
        return validator.validate(Fixtures.copy(Fixtures.quickstart(), "default", "web", edit));
    }

    @Test
    void runsTheCrossFieldRulesBesideTheProxyValidator() {
        SpecValidation v = validate(spec -> {
            spec.put("replicas", 1);
            spec.putObject("podDisruptionBudget").put("maxUnavailable", 0);
            spec.putObject("tls");
            spec.withObjectProperty("loadBalancer").put("algorithm", "fastest");
        });
        assertThat(v.errorMessages())
                .anySatisfy(m -> assertThat(m).startsWith("spec.podDisruptionBudget.maxUnavailable: 0 blocks every voluntary eviction"))
                .anySatisfy(m -> assertThat(m).startsWith("spec.tls.secretName: required when tls is set"))
                .anySatisfy(m -> assertThat(m).startsWith("spec.loadBalancer.algorithm: unknown algorithm \"fastest\"; valid: round-robin"));
        assertThat(v.warningMessages()).anySatisfy(m -> assertThat(m).startsWith("spec.replicas: a single proxy pod"));
    }
}
