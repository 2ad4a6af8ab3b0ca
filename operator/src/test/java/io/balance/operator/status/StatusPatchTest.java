package io.balance.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.balance.operator.Fixtures;
import io.balance.operator.crd.BalanceProxy;
import io.balance.operator.crd.BalanceProxyStatus;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A status patch carries identity and status only: server-side apply must not claim the spec. */
class StatusPatchTest {

    @Test
    void holdsOnlyNameNamespaceAndStatus() {
        BalanceProxy live = Fixtures.stored(Fixtures.quickstart());
        live.getMetadata().setResourceVersion("42");
        live.getMetadata().setLabels(java.util.Map.of("team", "web"));
        BalanceProxyStatus status = new BalanceProxyStatus(1L, 2, 2, 0, "a=b", null, List.of());

        BalanceProxy patch = StatusPatch.of(live, status);

        var tree = new KubernetesSerialization().convertValue(patch, com.fasterxml.jackson.databind.JsonNode.class);
        assertThat(tree.get("apiVersion").asText()).isEqualTo("balance.io/v1alpha1");
        assertThat(tree.get("kind").asText()).isEqualTo("BalanceProxy");
        assertThat(tree.has("spec")).isFalse();
        assertThat(tree.get("metadata").properties()).extracting(java.util.Map.Entry::getKey)
                .containsExactlyInAnyOrder("name", "namespace");
        assertThat(patch.getStatus()).isSameAs(status);
    }
}
