package io.balance.proxy.health;

import io.balance.proxy.resilience.ResilienceSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The verdict of one backend's active probes: it turns unhealthy after
 * {@code unhealthy_threshold} failed probes in a row and healthy again after
 * {@code healthy_threshold} good ones. A backend starts healthy, so a proxy serves at once;
 * passive checks and the breaker cover a backend that is down from the start. Written by the
 * backend's prober (one event loop), read by every loop.
 */
public final class ActiveHealth {
    private static final Logger LOG = LoggerFactory.getLogger(ActiveHealth.class);

    private final String backend;
    private final Runnable recovered;
    private volatile boolean healthy = true;
    private volatile String lastFailure = "";
    private int goodInRow;
    private int badInRow;

    public ActiveHealth(String backend) {
        this(backend, () -> { });
    }

    /** {@code recovered} runs (outside the lock) when the backend turns healthy again. */
    public ActiveHealth(String backend, Runnable recovered) {
        this.backend = backend;
        this.recovered = recovered;
    }

    public boolean healthy() {
        return healthy;
    }

    public void record(boolean ok, String detail, ResilienceSettings.ActiveChecks settings) {
        if (recordLocked(ok, detail, settings)) {
            recovered.run();
        }
    }

    /** True when this probe turned the backend healthy again. */
    private synchronized boolean recordLocked(boolean ok, String detail, ResilienceSettings.ActiveChecks settings) {
        if (ok) {
            badInRow = 0;
            goodInRow++;
            if (!healthy && goodInRow >= settings.healthyThreshold()) {
                healthy = true;
                LOG.info("backend {}: healthy after {} good probe(s)", backend, goodInRow);
                return true;
            }
        } else {
            goodInRow = 0;
            badInRow++;
            lastFailure = detail;
            if (healthy && badInRow >= settings.unhealthyThreshold()) {
                healthy = false;
                LOG.warn("backend {}: unhealthy after {} failed probe(s): {}", backend, badInRow, detail);
            }
        }
        return false;
    }

    /** Back to healthy with no history (active checks switched off). */
    public synchronized void reset() {
        healthy = true;
        goodInRow = 0;
        badInRow = 0;
        lastFailure = "";
    }

    public synchronized String reason() {
        return healthy ? "" : "active health check failing (" + badInRow + " in a row): " + lastFailure;
    }
}
