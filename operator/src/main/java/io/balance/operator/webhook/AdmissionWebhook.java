package io.balance.operator.webhook;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook's lifecycle in the operator process. Every replica serves {@code /validate} with
 * the certificate from the Secret and reloads it when the Secret changes. The leader also:
 * creates the CA and certificate when there are none, rotates them when a third of their life is
 * left (first the configuration's caBundle gets old + new CA, then the Secret the new
 * certificate), keeps the ValidatingWebhookConfiguration as desired, and moves its failurePolicy
 * from Ignore to Fail once the {@link FailurePolicyGate} saw the webhook deny a bad dry run.
 * Under cert-manager the operator only loads the Secret and leaves the caBundle to its injector.
 */
public final class AdmissionWebhook implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AdmissionWebhook.class);

    private final WebhookSettings settings;
    private final BooleanSupplier leader;
    private final Clock clock;
    private final CertificateStore store;
    private final WebhookConfigurations configurations;
    private final FailurePolicyGate gate;
    private final AdmissionHandler handler = new AdmissionHandler();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "webhook-lifecycle");
        t.setDaemon(true);
        return t;
    });
    private volatile WebhookServer server;
    private volatile WebhookTls served;
    private WebhookTls pending;
    private long pendingSince;

    public AdmissionWebhook(KubernetesClient client, WebhookSettings settings, BooleanSupplier leader, Clock clock) {
        this.settings = settings;
        this.leader = leader;
        this.clock = clock;
        this.store = new CertificateStore(client, settings.namespace(), settings.secretName());
        this.configurations = new WebhookConfigurations(client, settings);
        this.gate = new FailurePolicyGate(client, probeNamespace(settings));
    }

    private static String probeNamespace(WebhookSettings settings) {
        return settings.namespace();
    }

    /** Runs the first round now (so a leader serves at once) and then every check interval. */
    public AdmissionWebhook start() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.warn("webhook start: {} (retrying every {})", e.toString(), settings.checkInterval());
        }
        long every = settings.checkInterval().toMillis();
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                tick();
            } catch (RuntimeException e) {
                LOG.warn("webhook upkeep: {}", e.toString());
            }
        }, every, every, TimeUnit.MILLISECONDS);
        return this;
    }

    /** The port served on, or -1 before the certificate is available. */
    public int port() {
        WebhookServer s = server;
        return s == null ? -1 : s.port();
    }

    public boolean serving() {
        return server != null;
    }

    /** One round of upkeep; public for tests that drive time themselves. */
    public synchronized void tick() {
        boolean leading = leader.getAsBoolean();
        Optional<CertificateStore.Stored> stored = store.load();
        if (leading && !settings.certManager()) {
            stored = Optional.of(ensureCertificate(stored));
        }
        if (stored.isEmpty()) {
            LOG.info("webhook: waiting for Secret {}/{}", settings.namespace(), settings.secretName());
            return;
        }
        serve(stored.get().tls());
        if (leading) {
            configurations.ensure(settings.certManager() ? null : stored.get().tls().caBundle());
            if (!WebhookConfigurationModel.FAIL.equals(configurations.failurePolicy())
                    && gate.check() == FailurePolicyGate.Verdict.DENIED_BY_WEBHOOK) {
                configurations.setFailurePolicy(WebhookConfigurationModel.FAIL);
                LOG.info("webhook denied the dry-run probe through the API server: failurePolicy is now Fail");
            }
        }
    }

    private CertificateStore.Stored ensureCertificate(Optional<CertificateStore.Stored> stored) {
        ServingNames names = settings.servingNames();
        if (stored.isEmpty()) {
            WebhookTls fresh = WebhookTls.issue(names, clock.instant(), settings.certificateValidity());
            if (store.create(fresh)) {
                LOG.info("webhook: issued a CA and serving certificate for {}", names);
            }
            return store.load().orElseThrow(() -> new IllegalStateException("webhook Secret vanished after create"));
        }
        WebhookTls current = stored.get().tls();
        if (!current.needsRenewal(names, clock.instant())) {
            return stored.get();
        }
        WebhookTls rotated = current.rotate(names, clock.instant(), settings.certificateValidity());
        // the API server must trust the new CA before any replica serves the new certificate
        configurations.ensure(rotated.caBundle());
        if (store.replace(rotated, stored.get().resourceVersion())) {
            LOG.info("webhook: rotated the CA and serving certificate; valid until {}", rotated.serving().getNotAfter().toInstant());
        }
        return store.load().orElseThrow();
    }

    private void serve(WebhookTls tls) {
        if (server == null) {
            try {
                server = WebhookServer.start(new InetSocketAddress(settings.port()), tls, handler);
            } catch (IOException e) {
                throw new IllegalStateException("cannot listen on :" + settings.port() + ": " + e.getMessage(), e);
            }
            served = tls;
        } else if (!tls.equals(served)) {
            // give API servers time to load the caBundle (old + new CA) before the new certificate is shown
            if (!tls.equals(pending)) {
                pending = tls;
                pendingSince = System.nanoTime();
            }
            if (System.nanoTime() - pendingSince >= settings.reloadDelay().toNanos()) {
                server.reload(tls);
                served = tls;
                pending = null;
            }
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        if (server != null) {
            server.close();
        }
    }
}
