package io.balance.proxy.lb;

import static io.balance.proxy.lb.Fixtures.backend;
import static io.balance.proxy.lb.Fixtures.balancer;
import static io.balance.proxy.lb.Fixtures.numbered;
import static org.assertj.core.api.Assertions.assertThat;

import io.balance.api.config.Algorithm;
import io.balance.proxy.backend.Backend;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Several "event loops" share one balancer, as they do in the proxy. */
class ConcurrentChoiceTest {
    private static final int THREADS = 8;
    private static final int PICKS_PER_THREAD = 60_000;

    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void servesManyThreadsAtOnceAndSettlesCounters(Algorithm algorithm) throws Exception {
        List<Backend> list = numbered(6);
        list.get(2).health().drain();
        long[] counts = hammer(balancer(algorithm, list), list, BackendFilter.AVAILABLE);

        assertThat(counts[2]).isZero();
        assertThat(sum(counts)).isEqualTo((long) THREADS * PICKS_PER_THREAD);
        for (int i : new int[] {0, 1, 3, 4, 5}) {
            assertThat(counts[i]).as("picks of b%d", i).isPositive();
        }
        assertThat(list).allSatisfy(backend -> assertThat(backend.activeRequests()).isZero());
    }

    @Test
    void keepsExactRotationUnderContention() throws Exception {
        List<Backend> list = numbered(6);

        long[] counts = hammer(balancer(Algorithm.ROUND_ROBIN, list), list, BackendFilter.ANY);

        assertThat(counts).containsOnly((long) THREADS * PICKS_PER_THREAD / 6);
    }

    @Test
    void keepsExactWeightedSharesUnderContention() throws Exception {
        List<Backend> list = List.of(backend("a", 3), backend("b", 2), backend("c", 1));

        long[] counts = hammer(balancer(Algorithm.WEIGHTED_ROUND_ROBIN, list), list, BackendFilter.ANY);

        long cycles = (long) THREADS * PICKS_PER_THREAD / 6;
        assertThat(counts).containsExactly(3 * cycles, 2 * cycles, cycles);
    }

    private long[] hammer(LoadBalancer balancer, List<Backend> list, BackendFilter filter) throws Exception {
        Map<Backend, Integer> indexOf = new IdentityHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            indexOf.put(list.get(i), i);
        }
        AtomicLongArray counts = new AtomicLongArray(list.size());
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            workers.add(pool.submit(() -> {
                start.await();
                ThreadLocalRandom random = ThreadLocalRandom.current();
                for (int i = 0; i < PICKS_PER_THREAD; i++) {
                    Backend chosen = balancer.choose(random.nextLong(), filter);
                    chosen.requestStarted();
                    counts.incrementAndGet(indexOf.get(chosen));
                    chosen.requestFinished();
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> worker : workers) {
            worker.get();
        }
        long[] result = new long[list.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = counts.get(i);
        }
        return result;
    }

    private static long sum(long[] counts) {
        long sum = 0;
        for (long count : counts) {
            sum += count;
        }
        return sum;
    }
}
