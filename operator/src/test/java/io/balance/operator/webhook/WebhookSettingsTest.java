package io.balance.operator.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookSettingsTest {

    @Test
    void defaultsToPort9443AndTheServiceNamesInTheOperatorsNamespace() {
        WebhookSettings settings = WebhookSettings.fromEnvironment(Map.of(), "ops");
        assertThat(settings.enabled()).isTrue();
        assertThat(settings.port()).isEqualTo(9443);
        assertThat(settings.certManager()).isFalse();
        assertThat(settings.servingNames().dnsNames())
                .contains("balance-operator-webhook.ops.svc", "balance-operator-webhook.ops.svc.cluster.local");
    }

    @Test
    void readsTheEnvironment() {
        WebhookSettings settings = WebhookSettings.fromEnvironment(Map.of("WEBHOOK_ENABLED", "false", "WEBHOOK_PORT", "8443",
                "WEBHOOK_URL", "https://127.0.0.1:8443/validate"), null);
        assertThat(settings.enabled()).isFalse();
        assertThat(settings.port()).isEqualTo(8443);
        assertThat(settings.namespace()).isEqualTo("balance-system");
        assertThat(settings.servingNames()).isEqualTo(new ServingNames(List.of(), List.of("127.0.0.1")));
    }
}
