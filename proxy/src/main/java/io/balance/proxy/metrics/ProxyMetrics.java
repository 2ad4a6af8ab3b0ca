package io.balance.proxy.metrics;

import io.balance.proxy.backend.Backend;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.netty4.NettyAllocatorMetrics;
import io.micrometer.core.instrument.binder.netty4.NettyEventExecutorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.EventLoopGroup;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The proxy's meters. Every series an alert or the dashboard reads is registered at start, so
 * Prometheus sees zeros rather than absent series. Label values are bounded: backend names
 * (from config), a fixed method set, status codes, and enum reasons.
 */
public final class ProxyMetrics {
    /** The backend label of requests that never reached a backend. */
    public static final String NO_BACKEND_LABEL = "none";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicInteger activeConnections = new AtomicInteger();
    private final AtomicLong backendsVersion = new AtomicLong();
    private final AtomicInteger panicMode = new AtomicInteger();
    private final Counter tcpConnections;
    private final Counter bytesIn;
    private final Counter bytesOut;
    private final Timer requestDuration;
    private final Map<Reason, Counter> rejected = new EnumMap<>(Reason.class);
    private final RequestCounters unrouted;
    private final Counter reloadsOk;
    private final Counter reloadsFailed;
    private final Counter panicRouted;
    private final Counter retryBudgetExhausted;

    public ProxyMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new NettyAllocatorMetrics(PooledByteBufAllocator.DEFAULT).bindTo(registry);

        Gauge.builder(MeterNames.ACTIVE_CONNECTIONS, activeConnections, AtomicInteger::get)
                .description("Client connections open now").register(registry);
        Gauge.builder(MeterNames.BACKENDS_VERSION, backendsVersion, AtomicLong::get)
                .description("Version of the backend set in force").register(registry);
        Gauge.builder(MeterNames.PANIC_MODE, panicMode, AtomicInteger::get)
                .description("1 while too few backends are healthy and traffic spreads over all of them").register(registry);
        tcpConnections = Counter.builder(MeterNames.TCP_CONNECTIONS)
                .description("Client connections accepted").register(registry);
        bytesIn = Counter.builder(MeterNames.BYTES).tag(MeterNames.TAG_DIRECTION, "in")
                .description("Bytes received from clients (in) and sent to clients (out)").register(registry);
        bytesOut = Counter.builder(MeterNames.BYTES).tag(MeterNames.TAG_DIRECTION, "out")
                .description("Bytes received from clients (in) and sent to clients (out)").register(registry);
        requestDuration = Timer.builder(MeterNames.HTTP_REQUEST_DURATION)
                .description("Time from a request head to the end of its response")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry);
        for (Reason reason : Reason.values()) {
            rejected.put(reason, Counter.builder(MeterNames.REJECTED_REQUESTS).tag(MeterNames.TAG_REASON, reason.label())
                    .description("Requests refused by the proxy itself, by reason").register(registry));
        }
        unrouted = new RequestCounters(registry, NO_BACKEND_LABEL);
        unrouted.touch(0, 503);
        reloadsOk = Counter.builder(MeterNames.CONFIG_RELOADS).tag(MeterNames.TAG_RESULT, "success")
                .description("Config reloads by result").register(registry);
        reloadsFailed = Counter.builder(MeterNames.CONFIG_RELOADS).tag(MeterNames.TAG_RESULT, "failure")
                .description("Config reloads by result").register(registry);
        panicRouted = Counter.builder(MeterNames.PANIC_ROUTED)
                .description("Requests (HTTP) or connections (TCP) spread over all backends in panic mode").register(registry);
        retryBudgetExhausted = Counter.builder(MeterNames.RETRY_BUDGET_EXHAUSTED)
                .description("Retries not sent because the retry budget was spent").register(registry);
    }

    /** Event-loop queue depth, once the traffic event loops exist. */
    public void bindEventLoops(EventLoopGroup group) {
        new NettyEventExecutorMetrics(group).bindTo(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    public String scrape() {
        return registry.scrape();
    }

    public BackendMeters forBackend(Backend backend, BackendMeters.CircuitStateSource breaker) {
        return new BackendMeters(registry, backend, breaker);
    }

    /** A request the proxy answered itself before any backend was chosen (503 with none available). */
    public void unroutedRequest(int methodIndex, int code) {
        unrouted.increment(methodIndex, code);
    }

    public void connectionOpened() {
        activeConnections.incrementAndGet();
        tcpConnections.increment();
    }

    public void connectionClosed() {
        activeConnections.decrementAndGet();
    }

    public int activeConnections() {
        return activeConnections.get();
    }

    public void bytesIn(int bytes) {
        bytesIn.increment(bytes);
    }

    public void bytesOut(int bytes) {
        bytesOut.increment(bytes);
    }

    public void requestDuration(long nanos) {
        requestDuration.record(nanos, TimeUnit.NANOSECONDS);
    }

    public void rejected(Reason reason) {
        rejected.get(reason).increment();
    }

    public double rejectedCount(Reason reason) {
        return rejected.get(reason).count();
    }

    public void backendsVersion(long version) {
        backendsVersion.set(version);
    }

    public void panicMode(boolean on) {
        panicMode.set(on ? 1 : 0);
    }

    public void panicRouted() {
        panicRouted.increment();
    }

    public void retryBudgetExhausted() {
        retryBudgetExhausted.increment();
    }

    public void reloaded(boolean ok) {
        (ok ? reloadsOk : reloadsFailed).increment();
    }

    /** Why the proxy itself answered instead of a backend. Labels are fixed and bounded. */
    public enum Reason {
        NO_BACKEND("no_backend"),
        CONNECTION_LIMIT("connection_limit"),
        PENDING_LIMIT("pending_limit"),
        REQUEST_LIMIT("request_limit"),
        CONNECT_FAILED("connect_failed"),
        CONNECT_TIMEOUT("connect_timeout"),
        BACKEND_ERROR("backend_error"),
        BACKEND_TIMEOUT("backend_timeout"),
        REQUEST_TIMEOUT("request_timeout"),
        IDLE_TIMEOUT("idle_timeout"),
        HEAD_TIMEOUT("head_timeout"),
        BODY_TIMEOUT("body_timeout"),
        WRITE_TIMEOUT("write_timeout"),
        REQUEST_LINE_TOO_LONG("request_line_too_long"),
        HEADER_TOO_LARGE("header_too_large"),
        TOO_MANY_HEADERS("too_many_headers"),
        BAD_CONTENT_LENGTH("bad_content_length"),
        BAD_TRANSFER_ENCODING("bad_transfer_encoding"),
        CL_AND_TE("cl_and_te"),
        OBS_FOLD("obs_fold"),
        BAD_HEADER("bad_header"),
        BAD_HOST("bad_host"),
        BAD_REQUEST_TARGET("bad_request_target"),
        BAD_METHOD("bad_method"),
        UPGRADE_NOT_SUPPORTED("upgrade_not_supported"),
        UNSUPPORTED_VERSION("unsupported_version"),
        BAD_CHUNK("bad_chunk"),
        CONNECT_NOT_SUPPORTED("connect_not_supported"),
        MALFORMED("malformed"),
        DRAINING("draining");

        private final String label;

        Reason(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public static Reason ofLabel(String label) {
            for (Reason reason : values()) {
                if (reason.label.equals(label)) {
                    return reason;
                }
            }
            return MALFORMED;
        }
    }
}
