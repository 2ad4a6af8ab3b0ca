package io.balance.operator.reconciler;

import io.balance.operator.crd.BalanceProxy;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Tells users about a BalanceProxy through core/v1 Events ({@code kubectl describe bp}). Never fails a reconcile. */
public final class EventRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
    static final String COMPONENT = "balance-operator";
    private static final int MAX_MESSAGE = 1024;

    private final Clock clock;

    public EventRecorder(Clock clock) {
        this.clock = clock;
    }

    public void warning(KubernetesClient client, BalanceProxy proxy, String reason, String message) {
        String now = clock.instant().toString();
        var event = new EventBuilder()
                .withNewMetadata()
                    .withGenerateName(proxy.getMetadata().getName() + ".")
                    .withNamespace(proxy.getMetadata().getNamespace())
                .endMetadata()
                .withNewInvolvedObject()
                    .withApiVersion(proxy.getApiVersion())
                    .withKind(proxy.getKind())
                    .withName(proxy.getMetadata().getName())
                    .withNamespace(proxy.getMetadata().getNamespace())
                    .withUid(proxy.getMetadata().getUid())
                    .withResourceVersion(proxy.getMetadata().getResourceVersion())
                .endInvolvedObject()
                .withType("Warning")
                .withReason(reason)
                .withMessage(message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE - 3) + "..." : message)
                .withFirstTimestamp(now)
                .withLastTimestamp(now)
                .withCount(1)
                .withNewSource().withComponent(COMPONENT).endSource()
                .withReportingComponent(COMPONENT)
                .build();
        try {
            client.v1().events().inNamespace(proxy.getMetadata().getNamespace()).resource(event).create();
        } catch (KubernetesClientException e) {
            LOG.warn("could not record event {} for {}/{}: {}", reason, proxy.getMetadata().getNamespace(),
                    proxy.getMetadata().getName(), e.getMessage());
        }
    }
}
