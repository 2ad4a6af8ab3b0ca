package io.balance.proxy.resilience;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.balance.proxy.testing.RunningProxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** Client traffic and admin reads for the fault tests: HTTP/1.1 only, every call time-bounded. */
final class Traffic {
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private Traffic() {
    }

    static HttpResponse<String> get(RunningProxy proxy, String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(proxy.url(path))).timeout(Duration.ofSeconds(15)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The backend's entry in {@code GET /backends}. */
    static JsonNode backend(RunningProxy proxy, String name) throws Exception {
        JsonNode root = JSON.readTree(proxy.admin("GET", "/backends", null, null).body());
        for (JsonNode node : root.get("backends")) {
            if (node.get("name").asText().equals(name)) {
                return node;
            }
        }
        throw new AssertionError("no backend " + name + " in " + root);
    }

    static String state(RunningProxy proxy, String name) throws Exception {
        return backend(proxy, name).get("state").asText();
    }

    /** A metric that may be absent counts as 0. */
    static double metric(RunningProxy proxy, String series) throws Exception {
        double value = proxy.metric(series);
        return Double.isNaN(value) ? 0 : value;
    }

    static double healthy(RunningProxy proxy, String backend) throws Exception {
        return proxy.metric("balance_backend_healthy{backend=\"" + backend + "\"}");
    }

    static double breaker(RunningProxy proxy, String backend) throws Exception {
        return proxy.metric("balance_circuit_breaker_state{backend=\"" + backend + "\"}");
    }

    static double retries(RunningProxy proxy, String backend) throws Exception {
        return metric(proxy, "balance_backend_retries_total{backend=\"" + backend + "\"}");
    }

    static double rejected(RunningProxy proxy, String reason) throws Exception {
        return metric(proxy, "balance_rejected_requests_total{reason=\"" + reason + "\"}");
    }

    static double requests(RunningProxy proxy, String backend, int code) throws Exception {
        return metric(proxy, "balance_http_requests_total{backend=\"" + backend + "\",code=\"" + code + "\",method=\"GET\"}");
    }

    /** Clients that GET {@code path} in a loop until closed, counting answers by status and by body. */
    static final class Load implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Thread> threads = new ArrayList<>();
        private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        private final Map<String, AtomicInteger> bodies = new ConcurrentHashMap<>();
        private final List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        private final AtomicInteger total = new AtomicInteger();

        Load(RunningProxy proxy, String path, int clients) {
            for (int i = 0; i < clients; i++) {
                Thread thread = new Thread(() -> {
                    while (running.get()) {
                        try {
                            HttpResponse<String> response = get(proxy, path);
                            statuses.computeIfAbsent(response.statusCode(), c -> new AtomicInteger()).incrementAndGet();
                            bodies.computeIfAbsent(response.body(), c -> new AtomicInteger()).incrementAndGet();
                            if (response.statusCode() != 200) {
                                failures.add(response.statusCode() + " " + response.body().trim());
                            }
                        } catch (Exception e) {
                            failures.add(e.toString());
                        }
                        total.incrementAndGet();
                    }
                }, "load-" + i);
                thread.setDaemon(true);
                threads.add(thread);
                thread.start();
            }
        }

        int total() {
            return total.get();
        }

        int count(int status) {
            AtomicInteger n = statuses.get(status);
            return n == null ? 0 : n.get();
        }

        int fromBackend(String body) {
            AtomicInteger n = bodies.get(body);
            return n == null ? 0 : n.get();
        }

        List<String> failures() {
            synchronized (failures) {
                return List.copyOf(failures);
            }
        }

        @Override
        public void close() {
            running.set(false);
            for (Thread thread : threads) {
                try {
                    thread.join(30_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
