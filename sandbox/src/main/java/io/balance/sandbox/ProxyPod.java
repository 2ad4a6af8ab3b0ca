package io.balance.sandbox;

import io.balance.proxy.ProxyServer;
import java.nio.file.Path;

/**
 * One simulated pod: a Pod object in the API server and, while its container runs, a real
 * in-process {@link ProxyServer} bound to the pod's own loopback address.
 */
public final class ProxyPod {
    final String namespace;
    final String name;
    final String ip;
    final String templateHash;
    final int port;
    final int adminPort;
    final Path tokenFile;
    volatile ProxyServer server;
    volatile String configText;
    volatile boolean ready;
    volatile int restarts;
    /** The restart count the Pod object shows. */
    volatile int restartsWritten;
    volatile int livenessFailures;
    volatile String uid;

    ProxyPod(String namespace, String name, String ip, String templateHash, int port, int adminPort, Path tokenFile) {
        this.namespace = namespace;
        this.name = name;
        this.ip = ip;
        this.templateHash = templateHash;
        this.port = port;
        this.adminPort = adminPort;
        this.tokenFile = tokenFile;
    }

    public String name() {
        return name;
    }

    public String ip() {
        return ip;
    }

    /** Where clients reach this pod's listener, e.g. {@code http://127.0.0.11:8080}. */
    public String trafficUrl() {
        return "http://" + ip + ":" + port;
    }

    public String adminUrl() {
        return "http://" + ip + ":" + adminPort;
    }

    /** The running proxy, or null while the container is down. */
    public ProxyServer server() {
        return server;
    }

    public boolean ready() {
        return ready;
    }

    public int restarts() {
        return restarts;
    }

    public String templateHash() {
        return templateHash;
    }

    @Override
    public String toString() {
        return namespace + "/" + name + " " + ip + (ready ? " ready" : " not ready");
    }
}
