package io.balance.operator.webhook;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Objects;

/**
 * Keeps the operator's ValidatingWebhookConfiguration as desired: created when missing (at
 * failurePolicy Ignore), its clientConfig and caBundle refreshed, and its failurePolicy kept
 * where the gate last put it. Writes are updates with the read resourceVersion.
 */
final class WebhookConfigurations {
    private final KubernetesClient client;
    private final WebhookSettings settings;

    WebhookConfigurations(KubernetesClient client, WebhookSettings settings) {
        this.client = client;
        this.settings = settings;
    }

    ValidatingWebhookConfiguration get() {
        return client.admissionRegistration().v1().validatingWebhookConfigurations().withName(settings.configurationName()).get();
    }

    /** The live failure policy, or null when the configuration does not exist. */
    String failurePolicy() {
        ValidatingWebhookConfiguration live = get();
        return live == null ? null : webhook(live).getFailurePolicy();
    }

    /**
     * Makes the configuration match {@code caBundlePem} (null under cert-manager: it injects the
     * bundle) and the desired rules, keeping the live failure policy. Returns true if it wrote.
     */
    boolean ensure(String caBundlePem) {
        ValidatingWebhookConfiguration live = get();
        if (live == null) {
            ValidatingWebhookConfiguration desired = WebhookConfigurationModel.desired(settings, caBundlePem,
                    WebhookConfigurationModel.IGNORE);
            try {
                client.admissionRegistration().v1().validatingWebhookConfigurations().resource(desired).create();
                return true;
            } catch (KubernetesClientException e) {
                if (e.getCode() == 409) {
                    return false; // created meanwhile; the next round compares it
                }
                throw e;
            }
        }
        String policy = webhook(live).getFailurePolicy();
        String bundle = caBundlePem != null ? null : webhook(live).getClientConfig().getCaBundle();
        ValidatingWebhookConfiguration desired = WebhookConfigurationModel.desired(settings, caBundlePem,
                policy == null ? WebhookConfigurationModel.IGNORE : policy);
        if (bundle != null) {
            webhook(desired).getClientConfig().setCaBundle(bundle); // cert-manager's, keep it
        }
        if (Objects.equals(live.getWebhooks(), desired.getWebhooks())
                && Objects.equals(live.getMetadata().getLabels(), desired.getMetadata().getLabels())) {
            return false;
        }
        desired.getMetadata().setResourceVersion(live.getMetadata().getResourceVersion());
        if (live.getMetadata().getAnnotations() != null) {
            var annotations = new java.util.HashMap<>(live.getMetadata().getAnnotations());
            annotations.putAll(desired.getMetadata().getAnnotations());
            desired.getMetadata().setAnnotations(annotations);
        }
        client.admissionRegistration().v1().validatingWebhookConfigurations().resource(desired).update();
        return true;
    }

    /** Sets the failure policy (the gate's switch), keeping everything else. */
    void setFailurePolicy(String policy) {
        client.admissionRegistration().v1().validatingWebhookConfigurations().withName(settings.configurationName())
                .edit(c -> {
                    webhook(c).setFailurePolicy(policy);
                    return c;
                });
    }

    static ValidatingWebhook webhook(ValidatingWebhookConfiguration configuration) {
        return configuration.getWebhooks().stream().filter(w -> WebhookConfigurationModel.WEBHOOK_NAME.equals(w.getName()))
                .findFirst().orElse(configuration.getWebhooks().get(0));
    }
}
