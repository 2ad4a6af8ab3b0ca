package io.balance.operator.webhook;

import io.balance.operator.crd.BalanceProxy;
import io.balance.operator.model.Labels;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfig;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfigBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * The ValidatingWebhookConfiguration the operator owns (pure builder): BalanceProxy CREATE and
 * UPDATE go to {@code /validate}; no side effects (dry runs are safe); 5 s timeout; the
 * failure policy starts at Ignore and only {@link FailurePolicyGate} moves it to Fail.
 */
public final class WebhookConfigurationModel {
    public static final String WEBHOOK_NAME = "validate.balance.io";
    public static final String IGNORE = "Ignore";
    public static final String FAIL = "Fail";
    public static final int TIMEOUT_SECONDS = 5;
    public static final String CERT_MANAGER_INJECT = "cert-manager.io/inject-ca-from";

    private WebhookConfigurationModel() {
    }

    public static ValidatingWebhookConfiguration desired(WebhookSettings settings, String caBundlePem, String failurePolicy) {
        Map<String, String> annotations = settings.certManager()
                ? Map.of(CERT_MANAGER_INJECT, settings.namespace() + "/" + settings.serviceName())
                : Map.of();
        return new ValidatingWebhookConfigurationBuilder()
                .withNewMetadata()
                    .withName(settings.configurationName())
                    .withLabels(Map.of(Labels.NAME, Labels.OPERATOR, Labels.MANAGED_BY, Labels.OPERATOR))
                    .withAnnotations(annotations)
                .endMetadata()
                .addNewWebhook()
                    .withName(WEBHOOK_NAME)
                    .withAdmissionReviewVersions("v1")
                    .withSideEffects("None")
                    .withTimeoutSeconds(TIMEOUT_SECONDS)
                    .withFailurePolicy(failurePolicy)
                    .withMatchPolicy("Equivalent")
                    .withNewNamespaceSelector().endNamespaceSelector()
                    .withNewObjectSelector().endObjectSelector()
                    .withClientConfig(clientConfig(settings, caBundlePem))
                    .addNewRule()
                        .withApiGroups(BalanceProxy.GROUP)
                        .withApiVersions(BalanceProxy.VERSION)
                        .withResources("balanceproxies")
                        .withOperations("CREATE", "UPDATE")
                        .withScope("Namespaced")
                    .endRule()
                .endWebhook()
                .build();
    }

    private static WebhookClientConfig clientConfig(WebhookSettings settings, String caBundlePem) {
        WebhookClientConfigBuilder config = new WebhookClientConfigBuilder();
        if (caBundlePem != null) {
            config.withCaBundle(caBundle(caBundlePem));
        }
        if (settings.url() != null) {
            return config.withUrl(settings.url()).build();
        }
        return config.withNewService()
                .withNamespace(settings.namespace())
                .withName(settings.serviceName())
                .withPath(WebhookServer.PATH)
                .withPort(443)
                .endService()
                .build();
    }

    public static String caBundle(String pem) {
        return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
    }
}
