package io.balance.sandbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Continuous GET load through proxy pods: a few client threads, each with its own HTTP/1.1 client
 * (so its own keep-alive connection), sending one request after the other to a proxy pod's traffic
 * address. Every response is recorded by (pod URL, {@code X-Backend}) with the {@link System#nanoTime}
 * it was received; anything but a 200 (or an exception) is a failure. Bounded in time and in count:
 * each thread stops at {@link #stop}, at its deadline, or after {@code maxRequestsPerThread}.
 */
final class TrafficLoad implements AutoCloseable {
    private final List<Thread> threads = new ArrayList<>();
    private final Map<String, ConcurrentSkipListSet<Long>> seen = new ConcurrentHashMap<>();
    private final AtomicLong ok = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    private volatile boolean stopped;

    /** {@code threadsPerUrl} threads for each URL (e.g. {@code http://127.0.0.11:8080/}). */
    TrafficLoad(List<String> urls, int threadsPerUrl, Duration maxDuration, long maxRequestsPerThread) {
        long deadline = System.nanoTime() + maxDuration.toNanos();
        for (String url : urls) {
            for (int i = 0; i < threadsPerUrl; i++) {
                Thread t = new Thread(() -> run(url, deadline, maxRequestsPerThread), "load-" + url + "-" + i);
                t.setDaemon(true);
                threads.add(t);
            }
        }
    }

    TrafficLoad start() {
        threads.forEach(Thread::start);
        return this;
    }

    private void run(String url, long deadline, long maxRequests) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build();
        for (long n = 0; n < maxRequests && !stopped && System.nanoTime() < deadline; n++) {
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                long at = System.nanoTime();
                if (response.statusCode() == 200) {
                    ok.incrementAndGet();
                    String backend = response.headers().firstValue("X-Backend").orElse("?");
                    seen.computeIfAbsent(key(url, backend), k -> new ConcurrentSkipListSet<>()).add(at);
                } else {
                    fail(url + " -> " + response.statusCode() + " " + response.body().strip());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                fail(url + " -> " + e);
            }
        }
    }

    private void fail(String what) {
        failed.incrementAndGet();
        if (failures.size() < 20) {
            failures.add(java.time.Instant.now() + " " + what);
        }
    }

    private static String key(String url, String backend) {
        return url + "|" + backend;
    }

    /** When {@code backend} first answered through {@code url} at or after {@code sinceNanos}, or null. */
    Long firstResponse(String url, String backend, long sinceNanos) {
        ConcurrentSkipListSet<Long> times = seen.get(key(url, backend));
        return times == null ? null : times.ceiling(sinceNanos);
    }

    /** When {@code backend} last answered through {@code url}, or null. */
    Long lastResponse(String url, String backend) {
        ConcurrentSkipListSet<Long> times = seen.get(key(url, backend));
        return times == null || times.isEmpty() ? null : times.last();
    }

    long succeeded() {
        return ok.get();
    }

    long failed() {
        return failed.get();
    }

    List<String> failures() {
        return List.copyOf(failures);
    }

    /** Stops every thread and waits (bounded) for them to end. */
    @Override
    public void close() {
        stopped = true;
        for (Thread t : threads) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
