package io.balance.proxy.cli;

import io.balance.proxy.ProxyServer;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT drain the proxy (exit 0 when done); SIGHUP reloads the config file.
 * Installed before the proxy starts, so no signal ever meets the JVM's default action (which
 * would end the process for HUP as well); a signal that arrives during start waits for it.
 */
final class Signals {
    private static final Logger LOG = LoggerFactory.getLogger(Signals.class);

    private final CountDownLatch started = new CountDownLatch(1);
    private volatile ProxyServer server;
    private volatile ConfigWatcher watcher;

    private Signals() {
    }

    static Signals install() {
        Signals signals = new Signals();
        Signal.handle(new Signal("TERM"), s -> signals.drain("SIGTERM"));
        Signal.handle(new Signal("INT"), s -> signals.drain("SIGINT"));
        try {
            Signal.handle(new Signal("HUP"), s -> signals.reload());
        } catch (IllegalArgumentException e) {
            LOG.warn("SIGHUP is not available here: {}", e.getMessage());
        }
        return signals;
    }

    /** The proxy is serving: from now on signals act on it (and those already received do). */
    void started(ProxyServer server, ConfigWatcher watcher) {
        this.server = server;
        this.watcher = watcher;
        started.countDown();
    }

    private void drain(String signal) {
        LOG.info("{} received", signal);
        if (awaitStart()) {
            server.drain();
        }
    }

    private void reload() {
        if (awaitStart()) {
            watcher.reloadNow("SIGHUP");
        }
    }

    /** Each signal is handled on a thread of its own, so waiting here blocks nothing else. */
    private boolean awaitStart() {
        try {
            started.await();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
