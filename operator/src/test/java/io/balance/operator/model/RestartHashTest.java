package io.balance.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.balance.operator.Fixtures;
import io.balance.operator.crd.BalanceProxy;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Only restart-class fields (mode, ports, TLS Secret, image, resources) change the pod template hash. */
class RestartHashTest {
    private static final String IMAGE = "balance/proxy:1";

    @Test
    void hotFieldsLeaveTheHashAlone() {
        assertSameHash(spec -> spec.withObjectProperty("loadBalancer").put("algorithm", "random"));
        assertSameHash(spec -> spec.withObjectProperty("timeouts").put("idle", "5m"));
        assertSameHash(spec -> spec.withObjectProperty("backend").put("serviceName", "other"));
        assertSameHash(spec -> spec.put("replicas", 9));
        assertSameHash(spec -> spec.withObjectProperty("service").put("type", "LoadBalancer"));
    }

    @Test
    void restartFieldsChangeTheHash() {
        assertOtherHash(spec -> spec.put("mode", "tcp"));
        assertOtherHash(spec -> spec.put("port", 8443));
        assertOtherHash(spec -> spec.put("adminPort", 9191));
        assertOtherHash(spec -> spec.putObject("tls").put("secretName", "web-tls"));
        assertOtherHash(spec -> spec.put("image", "balance/proxy:2"));
        assertOtherHash(spec -> spec.putObject("resources").putObject("limits").put("memory", "1Gi"));
    }

    private static void assertSameHash(Consumer<ObjectNode> edit) {
        assertThat(hash(edited(edit))).isEqualTo(hash(Fixtures.quickstart()));
    }

    private static void assertOtherHash(Consumer<ObjectNode> edit) {
        assertThat(hash(edited(edit))).isNotEqualTo(hash(Fixtures.quickstart()));
    }

    private static BalanceProxy edited(Consumer<ObjectNode> edit) {
        return Fixtures.copy(Fixtures.quickstart(), "default", "web", edit);
    }

    private static String hash(BalanceProxy proxy) {
        return DeploymentModel.build(Fixtures.stored(proxy), IMAGE, 2).getSpec().getTemplate().getMetadata().getAnnotations()
                .get(RestartHash.ANNOTATION);
    }
}
