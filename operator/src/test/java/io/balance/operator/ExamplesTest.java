package io.balance.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.balance.operator.crd.BalanceProxy;
import io.balance.operator.validation.SpecValidation;
import io.balance.operator.validation.SpecValidator;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Files;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The BalanceProxy examples parse into the CR classes without losing a field, and are accepted. */
class ExamplesTest {
    private final KubernetesSerialization serialization = new KubernetesSerialization();

    @ParameterizedTest
    @ValueSource(strings = {"quickstart.yaml", "autoscaled.yaml"})
    void parsesIntoABalanceProxyAndPassesValidation(String file) throws Exception {
        String text = Files.readString(RepoFiles.root().resolve("examples").resolve(file));
        BalanceProxy proxy = serialization.unmarshal(text, BalanceProxy.class);

        assertThat(proxy.getApiVersion()).isEqualTo("balance.io/v1alpha1");
        assertThat(proxy.getKind()).isEqualTo("BalanceProxy");
        JsonNode written = serialization.unmarshal(text, JsonNode.class).get("spec");
        assertThat(serialization.convertValue(proxy.getSpec(), JsonNode.class)).as("every field is known").isEqualTo(written);
        SpecValidation validation = new SpecValidator().validate(proxy);
        assertThat(validation.errorMessages()).isEmpty();
        assertThat(validation.warningMessages()).isEmpty();
    }
}
