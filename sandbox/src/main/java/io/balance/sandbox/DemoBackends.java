package io.balance.sandbox;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Demo backends: tiny HTTP servers on 127.0.0.101, .102, ... port 8080 that answer every request
 * with their own name, published as the Service {@code web-backend} (port {@code http}) and one
 * EndpointSlice whose endpoints are all ready. Adding or removing a backend rewrites the slice,
 * which is what the operator's endpoint sync watches.
 */
public final class DemoBackends implements AutoCloseable {
    public static final String SERVICE = "web-backend";
    public static final String SLICE = "web-backend-sandbox";
    public static final String PORT_NAME = "http";
    public static final int PORT = 8080;
    static final int FIRST_HOST = 101;
    static final int LAST_HOST = 199;

    private final KubernetesClient client;
    private final String namespace;
    private final TreeMap<Integer, HttpServer> running = new TreeMap<>(); // last octet -> server
    private final ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "demo-backend");
        t.setDaemon(true);
        return t;
    });

    public DemoBackends(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    /** Creates the Service and starts {@code count} backends. */
    public synchronized DemoBackends start(int count) {
        client.services().inNamespace(namespace).resource(new ServiceBuilder()
                .withNewMetadata().withName(SERVICE).withNamespace(namespace).addToLabels("app", SERVICE).endMetadata()
                .withNewSpec().addToSelector("app", SERVICE)
                    .addNewPort().withName(PORT_NAME).withPort(PORT).withProtocol("TCP").endPort()
                .endSpec()
                .build()).createOr(existing -> existing.update());
        for (int i = 0; i < count; i++) {
            startOne();
        }
        publish();
        return this;
    }

    /** Starts one more backend and publishes it; returns its name. */
    public synchronized String add() {
        String name = startOne();
        publish();
        return name;
    }

    /** Stops the named backend (or the newest one when {@code name} is null); returns its name, or null if none. */
    public synchronized String remove(String name) {
        Integer host = name == null ? (running.isEmpty() ? null : running.lastKey()) : hostOf(name);
        if (host == null || !running.containsKey(host)) {
            return null;
        }
        // unpublish first, like a pod leaving its Service before it stops
        HttpServer server = running.remove(host);
        publish();
        server.stop(0);
        return nameOf(host);
    }

    /** name -> address, in order. */
    public synchronized Map<String, String> list() {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        running.keySet().forEach(h -> out.put(nameOf(h), address(h)));
        return out;
    }

    private String startOne() {
        int host = FIRST_HOST;
        while (running.containsKey(host)) {
            host++;
        }
        if (host > LAST_HOST) {
            throw new IllegalStateException("at most " + (LAST_HOST - FIRST_HOST + 1) + " demo backends");
        }
        String name = nameOf(host);
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(ip(host), PORT), 128);
            server.setExecutor(executor);
            server.createContext("/", exchange -> {
                byte[] body = ("hello from " + name + "\n").getBytes(StandardCharsets.UTF_8);
                exchange.getRequestBody().readAllBytes();
                exchange.getResponseHeaders().set("Content-Type", "text/plain");
                exchange.getResponseHeaders().set("X-Backend", name);
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            running.put(host, server);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind demo backend " + name + " on " + address(host), e);
        }
        return name;
    }

    private void publish() {
        List<Endpoint> endpoints = new ArrayList<>();
        running.keySet().forEach(h -> endpoints.add(new EndpointBuilder()
                .withAddresses(ip(h))
                .withNewConditions().withReady(true).withServing(true).withTerminating(false).endConditions()
                .withNewTargetRef().withKind("Pod").withName(nameOf(h)).withNamespace(namespace).endTargetRef()
                .build()));
        EndpointSlice slice = new EndpointSliceBuilder()
                .withNewMetadata().withName(SLICE).withNamespace(namespace)
                    .addToLabels("kubernetes.io/service-name", SERVICE)
                    .addToLabels("endpointslice.kubernetes.io/managed-by", "balance-sandbox")
                .endMetadata()
                .withAddressType("IPv4")
                .addNewPort().withName(PORT_NAME).withPort(PORT).withProtocol("TCP").endPort()
                .withEndpoints(endpoints)
                .build();
        client.discovery().v1().endpointSlices().inNamespace(namespace).resource(slice)
                .createOr(existing -> existing.update());
    }

    static String ip(int host) {
        return "127.0.0." + host;
    }

    static String address(int host) {
        return ip(host) + ":" + PORT;
    }

    static String nameOf(int host) {
        return "backend-" + (host - FIRST_HOST + 1);
    }

    private static Integer hostOf(String name) {
        try {
            return Integer.parseInt(name.substring(name.lastIndexOf('-') + 1)) + FIRST_HOST - 1;
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Override
    public synchronized void close() {
        running.values().forEach(s -> s.stop(0));
        running.clear();
        executor.shutdownNow();
    }
}
