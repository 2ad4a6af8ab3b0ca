package io.balance.proxy.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * {@code balance_http_requests_total} for one backend label: counters created on first use per
 * (method, code) and cached in an array, so counting a request is one array read.
 */
final class RequestCounters {
    private static final int CODES = 600;

    private final MeterRegistry registry;
    private final String backendLabel;
    private final AtomicReferenceArray<Counter> counters = new AtomicReferenceArray<>(HttpMethods.LABELS.length * CODES);

    RequestCounters(MeterRegistry registry, String backendLabel) {
        this.registry = registry;
        this.backendLabel = backendLabel;
    }

    void increment(int methodIndex, int code) {
        int clamped = Math.min(Math.max(code, 0), CODES - 1);
        int slot = methodIndex * CODES + clamped;
        Counter counter = counters.get(slot);
        if (counter == null) {
            counter = Counter.builder(MeterNames.HTTP_REQUESTS)
                    .tags(MeterNames.TAG_BACKEND, backendLabel, MeterNames.TAG_METHOD, HttpMethods.LABELS[methodIndex],
                            MeterNames.TAG_CODE, Integer.toString(clamped))
                    .description("HTTP requests answered, by backend, method and status code")
                    .register(registry);
            if (!counters.compareAndSet(slot, null, counter)) {
                counter = counters.get(slot);
            }
        }
        counter.increment();
    }

    /** Pre-registers a series so that alerts see a zero rather than nothing. */
    void touch(int methodIndex, int code) {
        int slot = methodIndex * CODES + code;
        if (counters.get(slot) == null) {
            counters.compareAndSet(slot, null, Counter.builder(MeterNames.HTTP_REQUESTS)
                    .tags(MeterNames.TAG_BACKEND, backendLabel, MeterNames.TAG_METHOD, HttpMethods.LABELS[methodIndex],
                            MeterNames.TAG_CODE, Integer.toString(code))
                    .description("HTTP requests answered, by backend, method and status code")
                    .register(registry));
        }
    }

    void remove() {
        for (int i = 0; i < counters.length(); i++) {
            Counter counter = counters.get(i);
            if (counter != null) {
                registry.remove(counter);
            }
        }
    }
}
