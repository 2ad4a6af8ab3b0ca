package io.balance.proxy.health;

import io.balance.proxy.backend.Backend;
import io.balance.proxy.resilience.ResilienceSettings;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Probes one backend on one event loop, off the request path: the first probe after a random
 * part of the interval, then one {@code interval} (moved by up to {@code jitter} of it either
 * way) after each probe ends, so that probes never overlap and many proxies don't probe in
 * lockstep. Nothing here blocks: connects, reads and timers are the loop's own.
 */
public final class HealthProber {
    private final Backend backend;
    private final ActiveHealth verdict;
    private final EventLoop loop;
    private final Probes probes;
    private final Supplier<ResilienceSettings> settings;
    private ScheduledFuture<?> next;
    private volatile boolean stopped;

    HealthProber(Backend backend, ActiveHealth verdict, EventLoop loop, Probes probes, Supplier<ResilienceSettings> settings) {
        this.backend = backend;
        this.verdict = verdict;
        this.loop = loop;
        this.probes = probes;
        this.settings = settings;
    }

    void start() {
        long interval = settings.get().active().intervalNanos();
        loop.execute(() -> schedule(ThreadLocalRandom.current().nextLong(Math.max(1, interval))));
    }

    void stop() {
        stopped = true;
        loop.execute(() -> {
            if (next != null) {
                next.cancel(false);
                next = null;
            }
        });
    }

    private void schedule(long delayNanos) {
        if (!stopped && !loop.isShuttingDown()) {
            next = loop.schedule(this::probe, delayNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void probe() {
        next = null;
        ResilienceSettings.ActiveChecks active = settings.get().active();
        if (stopped || !active.enabled()) {
            return;
        }
        probes.run(loop, backend, active, (ok, detail) -> {
            if (!stopped) {
                verdict.record(ok, detail, active);
                schedule(jittered(settings.get().active()));
            }
        });
    }

    static long jittered(ResilienceSettings.ActiveChecks active) {
        long interval = active.intervalNanos();
        double spread = active.jitter() * (2 * ThreadLocalRandom.current().nextDouble() - 1);
        return Math.max(1, (long) (interval * (1 + spread)));
    }
}
