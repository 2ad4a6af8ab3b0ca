package io.balance.operator.webhook;

import io.balance.operator.crd.BackendSpec;
import io.balance.operator.crd.BalanceProxy;
import io.balance.operator.crd.BalanceProxySpec;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Safe rollout: the webhook configuration starts at {@code failurePolicy: Ignore}, so a webhook
 * that the API server cannot reach (wrong caBundle, no endpoints, network policy) never locks
 * users out. Only after the API server has called this webhook and it has denied a known-bad
 * BalanceProxy (created with {@code dryRun=All}: nothing is stored) does the policy become Fail.
 */
final class FailurePolicyGate {
    static final String PROBE_NAME = "balance-webhook-probe";
    /** The probe's flaw: schema-valid (so it reaches the webhook) but traffic and admin ports clash. */
    static final String EXPECTED = "spec.adminPort: must differ from port";

    private static final Logger LOG = LoggerFactory.getLogger(FailurePolicyGate.class);

    enum Verdict {
        /** The API server called us and we denied: the webhook works end to end. */
        DENIED_BY_WEBHOOK,
        /** The probe was admitted or rejected for another reason: the webhook is not (yet) effective. */
        NOT_ENFORCED
    }

    private final KubernetesClient client;
    private final String namespace;

    FailurePolicyGate(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    static BalanceProxy probe(String namespace) {
        BalanceProxy probe = new BalanceProxy();
        probe.setMetadata(new ObjectMetaBuilder().withName(PROBE_NAME).withNamespace(namespace)
                .withAnnotations(Map.of("balance.io/purpose", "dry-run probe of the admission webhook; never stored"))
                .build());
        probe.setSpec(new BalanceProxySpec(null, null, null, new BackendSpec("probe", new IntOrString(80), null), null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, 9091, 9091, null));
        return probe;
    }

    Verdict check() {
        try {
            client.resources(BalanceProxy.class).inNamespace(namespace).resource(probe(namespace)).dryRun().create();
            LOG.info("webhook probe admitted: the API server does not call the webhook yet; failurePolicy stays Ignore");
            return Verdict.NOT_ENFORCED;
        } catch (KubernetesClientException e) {
            String message = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage();
            if (message != null && message.contains(WebhookConfigurationModel.WEBHOOK_NAME) && message.contains(EXPECTED)) {
                return Verdict.DENIED_BY_WEBHOOK;
            }
            LOG.info("webhook probe failed otherwise ({}): failurePolicy stays Ignore", message);
            return Verdict.NOT_ENFORCED;
        }
    }
}
