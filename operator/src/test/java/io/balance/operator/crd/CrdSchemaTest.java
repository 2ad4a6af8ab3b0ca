package io.balance.operator.crd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.balance.operator.RepoFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** What the generated schema lets an API server accept and reject. */
class CrdSchemaTest {
    private static final YAMLMapper YAML = new YAMLMapper();

    @ParameterizedTest
    @ValueSource(strings = {"quickstart.yaml", "autoscaled.yaml"})
    void theExamplesPassTheSchema(String file) throws IOException {
        JsonNode example = YAML.readTree(RepoFiles.root().resolve("examples").resolve(file).toFile());
        assertThat(SchemaCheck.check(specSchema(), example.get("spec"))).isEmpty();
    }

    @Test
    void goDurationsPassThePattern() throws IOException {
        for (String duration : List.of("100ms", "5s", "1m30s", "1.5h", "0", "250us", "2h45m")) {
            assertThat(errors(spec -> spec.withObjectProperty("timeouts").put("idle", duration))).as(duration).isEmpty();
            assertThat(errors(spec -> spec.withObjectProperty("loadBalancer").put("slowStartWindow", duration))).as(duration).isEmpty();
        }
    }

    @Test
    void rejectsWhatTheValidatorWouldRejectToo() throws IOException {
        assertThat(errors(spec -> spec.put("mode", "udp"))).containsExactly(".mode: must be one of [http, tcp]");
        assertThat(errors(spec -> spec.withObjectProperty("loadBalancer").put("algorithm", "fastest")))
                .singleElement().asString().startsWith(".loadBalancer.algorithm: must be one of");
        assertThat(errors(spec -> spec.withObjectProperty("healthCheck").put("interval", "5x")))
                .singleElement().asString().startsWith(".healthCheck.interval: must match");
        assertThat(errors(spec -> spec.put("replicas", -1))).containsExactly(".replicas: must be at least 0.0");
        assertThat(errors(spec -> spec.put("port", 70000))).containsExactly(".port: must be at most 65535.0");
        assertThat(errors(spec -> spec.remove("backend"))).containsExactly(".backend: required");
        assertThat(errors(spec -> spec.withObjectProperty("loadBalancer").put("loadFactor", 1.0)))
                .containsExactly(".loadBalancer.loadFactor: must be above 1.0");
        assertThat(errors(spec -> spec.withObjectProperty("service").put("type", "ExternalName")))
                .singleElement().asString().startsWith(".service.type: must be one of");
        assertThat(errors(spec -> spec.withObjectProperty("loadBalancer").put("hashKey", "cookie:x")))
                .singleElement().asString().startsWith(".loadBalancer.hashKey: must match");
        assertThat(errors(spec -> spec.put("replica", 2))).containsExactly(".replica: unknown field");
        assertThat(errors(spec -> spec.withObjectProperty("loadBalancer").put("slowStartWindow", "30")))
                .singleElement().asString().startsWith(".loadBalancer.slowStartWindow: must match");
    }

    private static List<String> errors(Consumer<ObjectNode> edit) throws IOException {
        ObjectNode spec = (ObjectNode) YAML.readTree(RepoFiles.root().resolve("examples/quickstart.yaml").toFile()).get("spec");
        edit.accept(spec);
        return SchemaCheck.check(specSchema(), spec);
    }

    private static JsonNode specSchema() throws IOException {
        JsonNode crd = YAML.readTree(Files.readString(RepoFiles.generatedCrd()));
        return crd.at("/spec/versions/0/schema/openAPIV3Schema/properties/spec");
    }
}
