package io.balance.proxy.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.balance.api.config.HostPort;
import io.balance.proxy.BuildInfo;
import io.balance.proxy.ProxyServer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;

/** The JSON documents of the read-only admin endpoints. */
final class StatusView {
    private final ProxyServer server;

    StatusView(ProxyServer server) {
        this.server = server;
    }

    ObjectNode health() {
        return AdminApi.mapper().createObjectNode().put("status", "healthy");
    }

    ObjectNode version() {
        BuildInfo info = server.buildInfo();
        return AdminApi.mapper().createObjectNode()
                .put("version", info.version())
                .put("git_commit", info.gitCommit())
                .put("build_time", info.buildTime())
                .put("java_version", Runtime.version().toString());
    }

    ObjectNode backends() {
        return AdminApi.backendsNode(server.state().registry());
    }

    ObjectNode config() {
        ObjectNode node = AdminApi.mapper().createObjectNode().put("version", server.configVersion());
        node.set("config", AdminApi.mapper().valueToTree(server.config()));
        return node;
    }

    ObjectNode status() {
        Duration uptime = Duration.between(server.startedAt(), Instant.now());
        String notReady = server.notReadyReason();
        ObjectNode node = AdminApi.mapper().createObjectNode()
                .put("status", notReady == null ? "ready" : "not ready: " + notReady)
                .put("version", server.buildInfo().version())
                .put("git_commit", server.buildInfo().gitCommit())
                .put("build_time", server.buildInfo().buildTime())
                .put("mode", server.config().mode().key())
                .put("listen", hostPort(server.trafficAddress()))
                .put("transport", server.transportName())
                .put("uptime_seconds", uptime.toSeconds())
                .put("started_at", server.startedAt().toString())
                .put("draining", server.state().draining())
                .put("config_version", server.configVersion())
                .put("backends_version", server.state().registry().current().version())
                .put("active_connections", server.metrics().activeConnections())
                .put("algorithm", server.config().loadBalancer().algorithm().key());
        Runtime rt = Runtime.getRuntime();
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        node.putObject("jvm")
                .put("java_version", Runtime.version().toString())
                .put("vm", System.getProperty("java.vm.name"))
                .put("processors", rt.availableProcessors())
                .put("threads", ManagementFactory.getThreadMXBean().getThreadCount())
                .put("heap_used_bytes", heap.getUsed())
                .put("heap_committed_bytes", heap.getCommitted())
                .put("heap_max_bytes", heap.getMax());
        node.set("backends", backends().get("backends"));
        return node;
    }

    /** {@code 127.0.0.1:8080} or {@code [::1]:8080}, as the config spells a listen address. */
    private static String hostPort(InetSocketAddress address) {
        String host = address.getAddress() == null ? address.getHostString() : address.getAddress().getHostAddress();
        return new HostPort(host, address.getPort()).toString();
    }
}
