package io.balance.operator.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookTlsTest {
    private final ServingNames names = ServingNames.forService("balance-operator-webhook", "balance-system");
    private final Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void issuesAServingCertificateForTheServiceNamesSignedByItsOwnCa() throws Exception {
        WebhookTls tls = WebhookTls.issue(names, now, Duration.ofDays(90));
        X509Certificate serving = tls.serving();
        serving.verify(tls.currentCa().getPublicKey());
        assertThat(serving.getSubjectAlternativeNames().stream().map(san -> String.valueOf(san.get(1))).toList())
                .contains("balance-operator-webhook.balance-system.svc", "balance-operator-webhook.balance-system.svc.cluster.local");
        assertThat(tls.currentCa().getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(tls.trusted()).hasSize(1);
    }

    @Test
    void survivesTheRoundTripThroughTheSecret() {
        WebhookTls tls = WebhookTls.issue(names, now, Duration.ofDays(90));
        WebhookTls loaded = WebhookTls.fromSecretData(tls.toSecretData());
        assertThat(loaded).isEqualTo(tls);
        assertThat(loaded.servingKey().getAlgorithm()).isEqualTo("EC");
    }

    @Test
    void renewsWhenAThirdOfTheLifetimeIsLeftOrTheNamesChanged() {
        WebhookTls tls = WebhookTls.issue(names, now, Duration.ofDays(90));
        assertThat(tls.needsRenewal(names, now.plus(Duration.ofDays(50)))).isFalse();
        assertThat(tls.needsRenewal(names, now.plus(Duration.ofDays(61)))).isTrue();
        assertThat(tls.needsRenewal(ServingNames.forService("other", "balance-system"), now)).isTrue();
    }

    @Test
    void aRotationKeepsTheOldCaInTheBundle() throws Exception {
        WebhookTls old = WebhookTls.issue(names, now, Duration.ofDays(90));
        WebhookTls rotated = old.rotate(names, now.plus(Duration.ofDays(61)), Duration.ofDays(90));
        List<X509Certificate> trusted = rotated.trusted();
        assertThat(trusted).hasSize(2);
        assertThat(trusted.get(1)).isEqualTo(old.currentCa());
        rotated.serving().verify(trusted.get(0).getPublicKey());
        // a second rotation drops the oldest CA: the bundle never grows beyond two
        assertThat(rotated.rotate(names, now.plus(Duration.ofDays(122)), Duration.ofDays(90)).trusted()).hasSize(2);
    }
}
