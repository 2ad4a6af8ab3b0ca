package io.balance.proxy.cli;

import io.balance.proxy.ProxyServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/** SIGTERM and SIGINT drain the proxy (exit 0 when done); SIGHUP reloads the config file. */
final class Signals {
    private static final Logger LOG = LoggerFactory.getLogger(Signals.class);

    private Signals() {
    }

    static void install(ProxyServer server, ConfigWatcher watcher) {
        Signal.handle(new Signal("TERM"), s -> drain(server, "SIGTERM"));
        Signal.handle(new Signal("INT"), s -> drain(server, "SIGINT"));
        try {
            Signal.handle(new Signal("HUP"), s -> watcher.reloadNow("SIGHUP"));
        } catch (IllegalArgumentException e) {
            LOG.warn("SIGHUP is not available here: {}", e.getMessage());
        }
    }

    private static void drain(ProxyServer server, String signal) {
        LOG.info("{} received", signal);
        server.drain();
    }
}
