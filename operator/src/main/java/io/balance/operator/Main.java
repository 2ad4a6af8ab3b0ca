package io.balance.operator;

import io.balance.operator.runtime.HealthServer;
import io.balance.operator.runtime.OperatorMetrics;
import io.balance.operator.webhook.AdmissionWebhook;
import io.balance.operator.webhook.WebhookSettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar balance-operator.jar}: connects with the current kubeconfig or the in-cluster
 * service account, serves {@code /healthz /readyz /metrics} on 8081, the admission webhook on
 * 9443 (see {@link AdmissionWebhook}), and reconciles BalanceProxies
 * (as the leader, when leader election is on) until SIGTERM, then stops gracefully.
 */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        OperatorSettings settings = OperatorSettings.fromEnvironment(System.getenv());
        LOG.info("balance-operator {} starting; namespaces: {}; proxy image: {}; leader election: {}",
                OperatorSettings.version(), settings.watchesAllNamespaces() ? "all" : settings.watchNamespaces(),
                settings.defaultImage(), settings.leaderElection());
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        KubernetesClient client = new KubernetesClientBuilder().build();
        AtomicBoolean leader = new AtomicBoolean();
        Operator operator = BalanceOperator.create(client, settings, new OperatorMetrics(registry), o -> { }, leader);
        WebhookSettings webhookSettings = WebhookSettings.fromEnvironment(System.getenv(), settings.leaseNamespace());
        AdmissionWebhook webhook = webhookSettings.enabled()
                ? new AdmissionWebhook(client, webhookSettings, leader::get, Clock.systemUTC())
                : null;
        AtomicBoolean stopping = new AtomicBoolean();
        HealthServer health = new HealthServer(settings.healthPort(),
                () -> !stopping.get(),
                // not ready until the webhook serves: the webhook Service only sends reviews to replicas that can answer
                () -> !stopping.get() && operator.getRuntimeInfo().isStarted() && operator.getRuntimeInfo().allEventSourcesAreHealthy()
                        && (webhook == null || webhook.serving()),
                registry::scrape).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            LOG.info("stopping: finishing reconciles in flight");
            try {
                operator.stop();
            } catch (RuntimeException e) {
                LOG.warn("operator stop: {}", e.getMessage());
            }
            health.close();
            if (webhook != null) {
                webhook.close();
            }
            client.close();
            stopped.countDown();
        }, "shutdown"));
        operator.start();
        if (webhook != null) {
            webhook.start(); // serves as soon as the certificate Secret exists; the leader creates it
        }
        LOG.info("balance-operator started; health on :{}", health.port());
        stopped.await();
    }
}
