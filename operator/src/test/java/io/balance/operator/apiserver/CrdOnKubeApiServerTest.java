package io.balance.operator.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.balance.operator.Fixtures;
import io.balance.operator.crd.BalanceProxy;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubeapitest.junit.EnableKubeAPIServer;
import io.fabric8.kubeapitest.junit.KubeConfig;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tier (b), no operator: the committed CRD ({@code crds/}) on a real kube-apiserver 1.20.2. The
 * server takes it as a structural schema with the status and scale subresources, serves the
 * examples, and refuses what the schema forbids with a message that names the field.
 */
@ExtendWith(KubeApiServerPrerequisite.class)
@EnableKubeAPIServer(kubeAPIVersion = KubeApiServerPrerequisite.VERSION, apiServerFlags = {"--bind-address", "127.0.0.1"})
class CrdOnKubeApiServerTest {
    private static final String NAMESPACE = "schema";

    @KubeConfig
    static String kubeConfigYaml;

    private static KubernetesClient client;
    private static CustomResourceDefinition crd;

    @BeforeAll
    static void installCrd() {
        client = RealCluster.client(kubeConfigYaml);
        crd = RealCluster.installBalanceProxyCrd(client);
        RealCluster.namespace(client, NAMESPACE);
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Test
    void theServerAcceptsTheGeneratedCrd() {
        assertThat(crd.getStatus().getConditions())
                .anySatisfy(c -> {
                    assertThat(c.getType()).isEqualTo("NamesAccepted");
                    assertThat(c.getStatus()).isEqualTo("True");
                })
                .noneSatisfy(c -> {
                    assertThat(c.getType()).isEqualTo("NonStructuralSchema");
                    assertThat(c.getStatus()).isEqualTo("True");
                });
        assertThat(crd.getStatus().getAcceptedNames().getShortNames()).contains("bp");
        CustomResourceDefinitionVersion version = crd.getSpec().getVersions().get(0);
        assertThat(version.getName()).isEqualTo("v1alpha1");
        assertThat(version.getSubresources().getStatus()).isNotNull();
        assertThat(version.getSubresources().getScale().getSpecReplicasPath()).isEqualTo(".spec.replicas");
        assertThat(version.getAdditionalPrinterColumns()).isNotEmpty();
    }

    @Test
    void theExamplesAreValid() {
        for (String example : new String[] {"quickstart.yaml", "autoscaled.yaml"}) {
            BalanceProxy proxy = Fixtures.example(example);
            proxy.getMetadata().setNamespace(NAMESPACE);
            proxy.getMetadata().setName(example.replace(".yaml", ""));
            BalanceProxy stored = client.resource(proxy).create();
            assertThat(stored.getSpec()).as(example + " stored as written: nothing pruned, nothing defaulted")
                    .isEqualTo(proxy.getSpec());
        }
    }

    @Test
    void refusesAnUnknownEnumValue() {
        assertRefused("bad-enum", spec -> spec.withObjectProperty("loadBalancer").put("algorithm", "fastest"),
                "spec.loadBalancer.algorithm", "Unsupported value: \"fastest\"");
        assertRefused("bad-mode", spec -> spec.put("mode", "udp"), "spec.mode", "Unsupported value: \"udp\"");
    }

    @Test
    void refusesNegativeReplicas() {
        assertRefused("negative", spec -> spec.put("replicas", -1), "spec.replicas", "should be greater than or equal to 0");
    }

    @Test
    void refusesAWrongType() {
        assertRefused("wrong-type", spec -> spec.put("replicas", "two"), "spec.replicas", "must be of type integer");
        assertRefused("wrong-port", spec -> spec.put("port", "8080"), "spec.port", "must be of type integer");
    }

    @Test
    void refusesAMissingRequiredField() {
        assertRefused("no-backend", spec -> spec.remove("backend"), "spec.backend", "Required value");
        assertRefused("no-max", spec -> spec.putObject("autoscaling").put("minReplicas", 2),
                "spec.autoscaling.maxReplicas", "Required value");
    }

    @Test
    void refusesAPatternMismatchAndAnOutOfRangeNumber() {
        assertRefused("bad-duration", spec -> spec.withObjectProperty("timeouts").put("connect", "-1s"),
                "spec.timeouts.connect", "should match");
        assertRefused("too-many", spec -> spec.withObjectProperty("resilience").withObjectProperty("retry").put("maxAttempts", 50),
                "spec.resilience.retry.maxAttempts", "should be less than or equal to 10");
    }

    private static void assertRefused(String name, Consumer<ObjectNode> edit, String field, String reason) {
        // a tree, not a BalanceProxy: a wrong type must reach the server as written
        var serialization = client.getKubernetesSerialization();
        ObjectNode tree = serialization.convertValue(Fixtures.copy(Fixtures.quickstart(), NAMESPACE, name, spec -> { }), ObjectNode.class);
        edit.accept((ObjectNode) tree.get("spec"));
        GenericKubernetesResource proxy = serialization.convertValue(tree, GenericKubernetesResource.class);
        var context = new ResourceDefinitionContext.Builder().withGroup("balance.io").withVersion("v1alpha1")
                .withKind("BalanceProxy").withPlural("balanceproxies").withNamespaced(true).build();
        assertThatThrownBy(() -> client.genericKubernetesResources(context).inNamespace(NAMESPACE).resource(proxy).create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(422);
                    assertThat(e.getStatus().getDetails().getCauses())
                            .anySatisfy(cause -> {
                                assertThat(cause.getField()).isEqualTo(field);
                                assertThat(cause.getMessage()).contains(reason);
                            });
                    assertThat(e.getMessage()).contains(field);
                });
        assertThat(client.resources(BalanceProxy.class).inNamespace(NAMESPACE).withName(name).get()).isNull();
    }
}
