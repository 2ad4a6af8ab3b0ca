package io.balance.operator.webhook;

import io.balance.operator.model.Labels;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The webhook's TLS material in a {@code kubernetes.io/tls} Secret in the operator's namespace.
 * Creation is create-if-absent (a 409 means another replica won; load theirs) and replacement is
 * an update with the resourceVersion read, so two writers can never both win.
 */
final class CertificateStore {
    private final KubernetesClient client;
    private final String namespace;
    private final String name;

    CertificateStore(KubernetesClient client, String namespace, String name) {
        this.client = client;
        this.namespace = namespace;
        this.name = name;
    }

    /** The stored material and the Secret's resourceVersion, if the Secret exists and is complete. */
    record Stored(WebhookTls tls, String resourceVersion) {
    }

    Optional<Stored> load() {
        Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
        if (secret == null || secret.getData() == null) {
            return Optional.empty();
        }
        Map<String, String> decoded = new HashMap<>();
        secret.getData().forEach((k, v) -> decoded.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.US_ASCII)));
        try {
            return Optional.of(new Stored(WebhookTls.fromSecretData(decoded), secret.getMetadata().getResourceVersion()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Creates the Secret; false when it already existed (someone else created it first). */
    boolean create(WebhookTls tls) {
        try {
            client.secrets().inNamespace(namespace).resource(secret(tls, null)).create();
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                return false;
            }
            throw e;
        }
    }

    /** Replaces the material if the Secret is still at {@code resourceVersion}; false on a conflict. */
    boolean replace(WebhookTls tls, String resourceVersion) {
        try {
            client.secrets().inNamespace(namespace).resource(secret(tls, resourceVersion)).update();
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                return false;
            }
            throw e;
        }
    }

    private Secret secret(WebhookTls tls, String resourceVersion) {
        Map<String, String> data = new HashMap<>();
        tls.toSecretData().forEach((k, v) -> data.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.US_ASCII))));
        return new SecretBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).withResourceVersion(resourceVersion)
                    .withLabels(Map.of(Labels.NAME, Labels.OPERATOR, Labels.MANAGED_BY, Labels.OPERATOR))
                .endMetadata()
                .withType("kubernetes.io/tls")
                .withData(data)
                .build();
    }
}
