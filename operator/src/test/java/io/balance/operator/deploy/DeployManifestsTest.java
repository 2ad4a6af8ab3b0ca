package io.balance.operator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.balance.operator.RepoFiles;
import io.balance.operator.model.Labels;
import io.balance.operator.rbac.Permission;
import io.balance.operator.rbac.RequiredPermissions;
import io.balance.operator.webhook.WebhookSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * deploy/ installs what the code needs and no more: the RBAC grants are exactly the table of
 * {@link RequiredPermissions} (derived from the reconciler's workflow), the kustomization lists
 * every manifest, and install.yaml is the same objects in one file.
 */
class DeployManifestsTest {
    private static final Path DEPLOY = RepoFiles.root().resolve("deploy");
    private static final YAMLMapper YAML = new YAMLMapper();

    @Test
    void theClusterRoleGrantsExactlyWhatTheCodeUses() throws IOException {
        JsonNode clusterRole = single("rbac.yaml", "ClusterRole");
        assertThat(grants(clusterRole)).isEqualTo(flatten(RequiredPermissions.clusterWide()));
    }

    @Test
    void theNamespaceRoleGrantsExactlyTheLeaseAndTheWebhookSecretInTheOperatorsNamespace() throws IOException {
        JsonNode role = single("rbac.yaml", "Role");
        assertThat(role.at("/metadata/namespace").asText()).isEqualTo("balance-system");
        assertThat(grants(role)).isEqualTo(flatten(RequiredPermissions.operatorNamespace()));
    }

    @Test
    void bindingsAndTheDeploymentUseTheOperatorsServiceAccount() throws IOException {
        for (String kind : List.of("ClusterRoleBinding", "RoleBinding")) {
            JsonNode subject = single("rbac.yaml", kind).at("/subjects/0");
            assertThat(subject.get("name").asText()).isEqualTo("balance-operator");
            assertThat(subject.get("namespace").asText()).isEqualTo("balance-system");
        }
        JsonNode deployment = single("operator.yaml", "Deployment");
        assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(2);
        assertThat(deployment.at("/spec/template/spec/serviceAccountName").asText()).isEqualTo("balance-operator");
        // the proxies' NetworkPolicy lets pods with this label reach the admin port
        assertThat(deployment.at("/spec/template/metadata/labels").get(Labels.NAME).asText()).isEqualTo(Labels.OPERATOR);
        assertThat(single("operator.yaml", "PodDisruptionBudget").at("/spec/minAvailable").asInt()).isEqualTo(1);
    }

    @Test
    void theWebhookServiceSendsPort443ToTheOperatorsWebhookPort() throws IOException {
        JsonNode service = single("webhook-service.yaml", "Service");
        assertThat(service.at("/metadata/name").asText()).isEqualTo(WebhookSettings.DEFAULT_SERVICE);
        assertThat(service.at("/metadata/namespace").asText()).isEqualTo("balance-system");
        assertThat(service.at("/spec/ports/0/port").asInt()).isEqualTo(443);
        assertThat(service.at("/spec/ports/0/targetPort").asText()).isEqualTo("webhook");
        JsonNode deployment = single("operator.yaml", "Deployment");
        assertThat(service.at("/spec/selector").get(Labels.NAME).asText())
                .isEqualTo(deployment.at("/spec/template/metadata/labels").get(Labels.NAME).asText());
        JsonNode container = deployment.at("/spec/template/spec/containers/0");
        List<String> ports = new ArrayList<>();
        container.get("ports").forEach(p -> ports.add(p.get("name").asText() + ":" + p.get("containerPort").asInt()));
        assertThat(ports).contains("webhook:" + WebhookSettings.DEFAULT_PORT);
        List<String> env = new ArrayList<>();
        container.get("env").forEach(e -> env.add(e.get("name").asText() + "=" + e.path("value").asText()));
        assertThat(env).contains("WEBHOOK_SERVICE=" + WebhookSettings.DEFAULT_SERVICE, "WEBHOOK_SECRET=" + WebhookSettings.DEFAULT_SECRET);
    }

    @Test
    void theWebhookConfigurationIsNotAShippedManifestBecauseTheOperatorOwnsIt() throws IOException {
        try (Stream<Path> files = Files.walk(DEPLOY)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml") && !f.endsWith("install.yaml")).toList()) {
                assertThat(Files.readString(file)).as(file.toString()).doesNotContain("kind: ValidatingWebhookConfiguration");
            }
        }
    }

    @Test
    void theKustomizationListsEveryManifestAndInstallYamlHoldsThemAll() throws IOException {
        List<String> listed = new ArrayList<>();
        YAML.readTree(DEPLOY.resolve("kustomization.yaml").toFile()).get("resources").forEach(r -> listed.add(r.asText()));
        List<String> present;
        try (Stream<Path> files = Files.walk(DEPLOY)) {
            present = files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .map(f -> DEPLOY.relativize(f).toString())
                    .filter(f -> !f.equals("kustomization.yaml") && !f.equals("install.yaml"))
                    .toList();
        }
        assertThat(listed).containsExactlyInAnyOrderElementsOf(present);

        StringBuilder install = new StringBuilder("# Generated from deploy/kustomization.yaml by DeployManifestsTest; "
                + "kubectl apply -f deploy/install.yaml\n");
        for (String file : listed) {
            String text = Files.readString(DEPLOY.resolve(file));
            install.append("---\n").append(text.startsWith("---\n") ? text.substring(4) : text);
            if (!text.endsWith("\n")) {
                install.append('\n');
            }
        }
        Path installFile = DEPLOY.resolve("install.yaml");
        if (Boolean.getBoolean("balance.updateCrds")) {
            Files.writeString(installFile, install.toString());
        }
        assertThat(installFile).exists();
        assertThat(Files.readString(installFile)).as("deploy/install.yaml; refresh with -Dbalance.updateCrds=true")
                .isEqualTo(install.toString());
    }

    private static Set<String> flatten(List<Permission> permissions) {
        Set<String> out = new TreeSet<>();
        for (Permission p : permissions) {
            p.verbs().forEach(v -> out.add(p.apiGroup() + " " + p.resource() + " " + v));
        }
        return out;
    }

    private static Set<String> grants(JsonNode role) {
        Set<String> out = new TreeSet<>();
        for (JsonNode rule : role.get("rules")) {
            for (JsonNode group : rule.get("apiGroups")) {
                for (JsonNode resource : rule.get("resources")) {
                    for (JsonNode verb : rule.get("verbs")) {
                        out.add(group.asText() + " " + resource.asText() + " " + verb.asText());
                    }
                }
            }
        }
        return out;
    }

    private static JsonNode single(String file, String kind) throws IOException {
        List<JsonNode> matches = new ArrayList<>();
        try (var docs = YAML.readerFor(JsonNode.class).readValues(DEPLOY.resolve(file).toFile())) {
            while (docs.hasNext()) {
                JsonNode doc = (JsonNode) docs.next();
                if (doc != null && kind.equals(doc.path("kind").asText())) {
                    matches.add(doc);
                }
            }
        }
        assertThat(matches).as("%s in %s", kind, file).hasSize(1);
        return matches.get(0);
    }
}
