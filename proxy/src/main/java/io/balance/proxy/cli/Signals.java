package io.balance.proxy.cli;

import io.balance.proxy.ProxyServer;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

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
        handle("TERM", s -> signals.drain("SIGTERM"), "drain on SIGTERM is off");
        handle("INT", s -> signals.drain("SIGINT"), "drain on SIGINT is off");
        try {
            handle("HUP", s -> signals.reload(), "reload on SIGHUP is off (a change of the file still reloads it)");
        } catch (IllegalArgumentException e) {
            LOG.warn("SIGHUP is not available here: {}", e.getMessage());
        }
        return signals;
    }

    /**
     * A signal the process was started with ignored (as {@code nohup} does for HUP, and a
     * non-interactive shell's {@code &} for INT) stays ignored: the JVM does not install the
     * handler. That is said once, instead of the signal silently doing nothing.
     */
    private static void handle(String name, SignalHandler handler, String consequence) {
        if (Signal.handle(new Signal(name), handler) == SignalHandler.SIG_IGN) {
            LOG.warn("SIG{} was ignored when the proxy started, and stays ignored: {}", name, consequence);
        }
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
