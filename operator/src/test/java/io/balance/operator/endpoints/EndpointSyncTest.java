package io.balance.operator.endpoints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.balance.operator.admin.BackendEntry;
import io.balance.operator.admin.FakeProxyAdminClient;
import io.balance.operator.admin.PodEndpoint;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EndpointSyncTest {
    private static final ResourceID WEB = new ResourceID("web", "default");
    private static final String TOKEN = "secret-token";
    private static final List<BackendEntry> TWO = List.of(BackendEntry.of("b-1", "10.1.0.1:8080"), BackendEntry.of("b-2", "10.1.0.2:8080"));
    private static final List<BackendEntry> ONE = List.of(BackendEntry.of("b-1", "10.1.0.1:8080"));

    private final MutableClock clock = new MutableClock(Instant.ofEpochMilli(1_700_000_000_000L));
    private final FakeProxyAdminClient fake = new FakeProxyAdminClient();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Set<ResourceID> told = ConcurrentHashMap.newKeySet();
    private final EndpointSync sync = new EndpointSync(fake, clock, scheduler,
            new EndpointSyncSettings(Duration.ofSeconds(10), Duration.ofMillis(10), Duration.ofMillis(40), Duration.ofHours(1)),
            registry);

    {
        sync.onChange(told::add);
    }

    @AfterEach
    void stop() {
        sync.close();
        scheduler.shutdownNow();
    }

    private static ProxyPod pod(String name, String uid, String ip) {
        return new ProxyPod(new PodEndpoint(name, uid, ip, 9090), true);
    }

    private SyncSnapshot sync(List<BackendEntry> set, ProxyPod... pods) {
        return sync.sync(WEB, set, null, 0, List.of(pods), TOKEN);
    }

    @Test
    void pushesTheFullSetWithOneVersionAndTheTokenToEveryPod() {
        SyncSnapshot first = sync(TWO, pod("web-a", "u1", "10.0.0.1"), pod("web-b", "u2", "10.0.0.2"));

        assertThat(first.version()).isEqualTo(clock.millis());
        assertThat(fake.pushes()).hasSize(2).allSatisfy(p -> {
            assertThat(p.token()).isEqualTo(TOKEN);
            assertThat(p.version()).isEqualTo(first.version());
            assertThat(p.backends()).isEqualTo(TWO);
        });
        SyncSnapshot again = sync(TWO, pod("web-a", "u1", "10.0.0.1"), pod("web-b", "u2", "10.0.0.2"));
        assertThat(again.version()).as("an unchanged set keeps its version").isEqualTo(first.version());
        assertThat(again.programmed()).isEqualTo(2);
        assertThat(again.readyPods()).isEqualTo(2);
        assertThat(fake.pushes()).as("acknowledged pods are not pushed again").hasSize(2);
        assertThat(told).contains(WEB);
    }

    @Test
    void aChangedSetGetsAStrictlyHigherVersion() {
        long first = sync(TWO, pod("web-a", "u1", "10.0.0.1")).version();
        long second = sync(ONE, pod("web-a", "u1", "10.0.0.1")).version();

        assertThat(second).isGreaterThan(first);
        assertThat(fake.backendsOf("10.0.0.1")).isEqualTo(ONE);
        assertThat(fake.versionOf("10.0.0.1")).isEqualTo(second);
    }

    @Test
    void keepsTheVersionOfTheLastKnownSetAfterARestartWhenNothingChanged() {
        SyncSnapshot snapshot = sync.sync(WEB, TWO, TWO, 42, List.of(pod("web-a", "u1", "10.0.0.1")), TOKEN);

        assertThat(snapshot.version()).isEqualTo(42);
        assertThat(fake.versionOf("10.0.0.1")).isEqualTo(42);
    }

    @Test
    void holdsANonEmptySetForTheGraceBeforePushingAnEmptyOne() {
        long full = sync(TWO, pod("web-a", "u1", "10.0.0.1")).version();

        clock.advance(Duration.ofSeconds(1));
        SyncSnapshot held = sync(List.of(), pod("web-a", "u1", "10.0.0.1"));
        assertThat(held.backends()).isEqualTo(TWO);
        assertThat(held.version()).isEqualTo(full);
        assertThat(held.emptyGraceLeft()).isEqualTo(Duration.ofSeconds(10));

        clock.advance(Duration.ofSeconds(4));
        assertThat(sync(TWO, pod("web-a", "u1", "10.0.0.1")).holdingEmptySet()).as("the endpoints came back: a flap").isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(sync(List.of(), pod("web-a", "u1", "10.0.0.1")).emptyGraceLeft()).as("the grace starts again")
                .isEqualTo(Duration.ofSeconds(10));

        clock.advance(Duration.ofSeconds(9));
        assertThat(sync(List.of(), pod("web-a", "u1", "10.0.0.1")).backends()).isEqualTo(TWO);
        clock.advance(Duration.ofSeconds(1));
        SyncSnapshot empty = sync(List.of(), pod("web-a", "u1", "10.0.0.1"));
        assertThat(empty.backends()).isEmpty();
        assertThat(empty.holdingEmptySet()).isFalse();
        assertThat(fake.backendsOf("10.0.0.1")).isEmpty();
        assertThat(fake.versionOf("10.0.0.1")).isEqualTo(empty.version()).isGreaterThan(full);
    }

    @Test
    void aRestartedOperatorAlsoHoldsTheLastKnownSetForTheGrace() {
        SyncSnapshot held = sync.sync(WEB, List.of(), TWO, 42, List.of(pod("web-a", "u1", "10.0.0.1")), TOKEN);

        assertThat(held.backends()).isEqualTo(TWO);
        assertThat(held.holdingEmptySet()).isTrue();
    }

    @Test
    void retriesAFailedPushWithBackoffAndReportsThePodMeanwhile() {
        fake.failNext("10.0.0.1", 3);

        SyncSnapshot first = sync(TWO, pod("web-a", "u1", "10.0.0.1"));
        assertThat(first.failures()).singleElement().asString().startsWith("web-a: PUT /backends answered 503");
        assertThat(first.programmed()).isZero();

        await().atMost(Duration.ofSeconds(10)).until(() -> fake.versionOf("10.0.0.1") == first.version());
        assertThat(fake.pushesTo("10.0.0.1")).hasSize(4);
        SyncSnapshot after = sync(TWO, pod("web-a", "u1", "10.0.0.1"));
        assertThat(after.failures()).isEmpty();
        assertThat(after.programmed()).isEqualTo(1);
    }

    @Test
    void aNewSetIsSentAtOnceToAPodWaitingForARetry() {
        var slow = new EndpointSync(fake, clock, scheduler,
                new EndpointSyncSettings(Duration.ofSeconds(10), Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(1)), registry);
        fake.failNext("10.0.0.1", 1);
        slow.sync(WEB, TWO, null, 0, List.of(pod("web-a", "u1", "10.0.0.1")), TOKEN);

        SyncSnapshot changed = slow.sync(WEB, ONE, null, 0, List.of(pod("web-a", "u1", "10.0.0.1")), TOKEN);

        assertThat(fake.versionOf("10.0.0.1")).isEqualTo(changed.version());
        assertThat(fake.backendsOf("10.0.0.1")).isEqualTo(ONE);
    }

    @Test
    void backoffDoublesUpToTheCap() {
        var settings = new EndpointSyncSettings(Duration.ofSeconds(10), Duration.ofMillis(200), Duration.ofSeconds(10), Duration.ofSeconds(10));

        assertThat(List.of(1, 2, 3, 4, 10).stream().map(settings::backoff).map(Duration::toMillis))
                .containsExactly(200L, 400L, 800L, 1600L, 10_000L);
    }

    @Test
    void resendsToAPodThatRestartedUnderANewUidOrIp() {
        long version = sync(TWO, pod("web-a", "u1", "10.0.0.1")).version();

        sync(TWO, pod("web-a", "u2", "10.0.0.1"));
        sync(TWO, pod("web-a", "u2", "10.0.0.9"));

        assertThat(fake.pushesTo("10.0.0.1")).hasSize(2);
        assertThat(fake.versionOf("10.0.0.9")).isEqualTo(version);
    }

    @Test
    void resendsToAPodWhoseStatusReportsAnOlderVersion() {
        long version = sync(TWO, pod("web-a", "u1", "10.0.0.1"), pod("web-b", "u2", "10.0.0.2")).version();
        fake.forget("10.0.0.2");
        told.clear();

        sync.pollAll();

        assertThat(fake.versionOf("10.0.0.2")).isEqualTo(version);
        assertThat(fake.pushesTo("10.0.0.2")).hasSize(2);
        assertThat(fake.pushesTo("10.0.0.1")).hasSize(1);
        assertThat(told).contains(WEB);
    }

    @Test
    void goesPastANewerVersionAPodAlreadyHolds() {
        fake.holds("10.0.0.1", 1_900_000_000_000L);

        sync(TWO, pod("web-a", "u1", "10.0.0.1"));

        assertThat(fake.versionOf("10.0.0.1")).isEqualTo(1_900_000_000_001L);
        assertThat(sync(TWO, pod("web-a", "u1", "10.0.0.1")).programmed()).isEqualTo(1);
    }

    @Test
    void pushesNothingWithoutAToken() {
        SyncSnapshot snapshot = sync.sync(WEB, TWO, null, 0, List.of(pod("web-a", "u1", "10.0.0.1")), null);

        assertThat(fake.pushes()).isEmpty();
        assertThat(snapshot.failures()).containsExactly("the admin token Secret is not readable yet");
    }

    @Test
    void onlyReadyPodsCountForProgrammed() {
        fake.unreachable("10.0.0.2", true);
        SyncSnapshot snapshot = sync.sync(WEB, TWO, null, 0, List.of(pod("web-a", "u1", "10.0.0.1"),
                new ProxyPod(new PodEndpoint("web-b", "u2", "10.0.0.2", 9090), false)), TOKEN);

        assertThat(snapshot.readyPods()).isEqualTo(1);
        assertThat(snapshot.programmed()).isEqualTo(1);
        assertThat(snapshot.failures()).singleElement().asString().startsWith("web-b: ConnectException");
    }

    @Test
    void recordsTheSyncLagWhenTheLastPodAcknowledges() {
        fake.unreachable("10.0.0.2", true);
        sync(TWO, pod("web-a", "u1", "10.0.0.1"), pod("web-b", "u2", "10.0.0.2"));
        clock.advance(Duration.ofMillis(750));
        fake.unreachable("10.0.0.2", false);

        await().atMost(Duration.ofSeconds(10)).until(() -> registry.find(EndpointSync.LAG_TIMER).timer().count() == 1);
        assertThat(registry.find(EndpointSync.LAG_TIMER).timer().totalTime(java.util.concurrent.TimeUnit.MILLISECONDS))
                .isEqualTo(750.0);
    }

    @Test
    void forgetsProxiesThatAreGone() {
        sync(TWO, pod("web-a", "u1", "10.0.0.1"));
        sync.retainWhile(id -> false);

        sync.pollAll();

        assertThat(sync.known()).isEmpty();
    }
}
