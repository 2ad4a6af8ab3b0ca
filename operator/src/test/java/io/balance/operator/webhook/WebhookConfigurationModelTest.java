package io.balance.operator.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookConfigurationModelTest {
    private final WebhookSettings inCluster = WebhookSettings.fromEnvironment(Map.of(), "balance-system");

    @Test
    void sendsBalanceProxyCreatesAndUpdatesToTheServiceWithinFiveSeconds() {
        var configuration = WebhookConfigurationModel.desired(inCluster, "PEM", WebhookConfigurationModel.IGNORE);
        assertThat(configuration.getMetadata().getName()).isEqualTo("balance-operator");
        ValidatingWebhook hook = configuration.getWebhooks().get(0);
        assertThat(hook.getName()).isEqualTo("validate.balance.io");
        assertThat(hook.getTimeoutSeconds()).isLessThanOrEqualTo(5);
        assertThat(hook.getSideEffects()).isEqualTo("None");
        assertThat(hook.getAdmissionReviewVersions()).containsExactly("v1");
        assertThat(hook.getFailurePolicy()).isEqualTo("Ignore");
        assertThat(hook.getRules().get(0).getApiGroups()).containsExactly("balance.io");
        assertThat(hook.getRules().get(0).getResources()).containsExactly("balanceproxies"); // not status: the operator's writes pass
        assertThat(hook.getRules().get(0).getOperations()).containsExactly("CREATE", "UPDATE");
        var service = hook.getClientConfig().getService();
        assertThat(service.getName() + "." + service.getNamespace() + ":" + service.getPort() + service.getPath())
                .isEqualTo("balance-operator-webhook.balance-system:443/validate");
        assertThat(new String(Base64.getDecoder().decode(hook.getClientConfig().getCaBundle()), StandardCharsets.US_ASCII))
                .isEqualTo("PEM");
    }

    @Test
    void aUrlReplacesTheServiceForApiServersOutsideTheCluster() {
        var settings = inCluster.withUrl("https://127.0.0.1:9443/validate");
        var hook = WebhookConfigurationModel.desired(settings, "PEM", WebhookConfigurationModel.FAIL).getWebhooks().get(0);
        assertThat(hook.getClientConfig().getUrl()).isEqualTo("https://127.0.0.1:9443/validate");
        assertThat(hook.getClientConfig().getService()).isNull();
        assertThat(hook.getFailurePolicy()).isEqualTo("Fail");
    }

    @Test
    void underCertManagerTheCaBundleIsInjectedByAnnotation() {
        var settings = WebhookSettings.fromEnvironment(Map.of("WEBHOOK_CERT_MANAGER", "true"), "balance-system");
        var configuration = WebhookConfigurationModel.desired(settings, null, WebhookConfigurationModel.IGNORE);
        assertThat(configuration.getMetadata().getAnnotations())
                .containsEntry("cert-manager.io/inject-ca-from", "balance-system/balance-operator-webhook");
        assertThat(configuration.getWebhooks().get(0).getClientConfig().getCaBundle()).isNull();
    }
}
