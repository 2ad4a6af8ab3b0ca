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

    /** What the informer caches hold: the set wanted now and the running pods. */
    private volatile SyncInputs.Observed cluster;

    {
        sync.onChange(told::add);
        sync.readFrom(id -> id.equals(WEB) ? java.util.Optional.ofNullable(cluster) : java.util.Optional.empty());
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
        cluster = new SyncInputs.Observed(set, List.of(pods));
        return sync.sync(WEB, null, 0, TOKEN);
    }

    /** The informer caches change; the fast path is told, as the informers tell it. */
    private void observe(List<BackendEntry> set, ProxyPod... pods) {
        cluster = new SyncInputs.Observed(set, List.of(pods));
        sync.changed(WEB);
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
        cluster = new SyncInputs.Observed(TWO, List.of(pod("web-a", "u1", "10.0.0.1")));
        SyncSnapshot snapshot = sync.sync(WEB, TWO, 42, TOKEN);

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
        cluster = new SyncInputs.Observed(List.of(), List.of(pod("web-a", "u1", "10.0.0.1")));
        SyncSnapshot held = sync.sync(WEB, TWO, 42, TOKEN);

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
        slow.readFrom(id -> java.util.Optional.ofNullable(cluster));
        fake.failNext("10.0.0.1", 1);
        cluster = new SyncInputs.Observed(TWO, List.of(pod("web-a", "u1", "10.0.0.1")));
        slow.sync(WEB, null, 0, TOKEN);

        cluster = new SyncInputs.Observed(ONE, List.of(pod("web-a", "u1", "10.0.0.1")));
        SyncSnapshot changed = slow.sync(WEB, null, 0, TOKEN);

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
        cluster = new SyncInputs.Observed(TWO, List.of(pod("web-a", "u1", "10.0.0.1")));
        SyncSnapshot snapshot = sync.sync(WEB, null, 0, null);

        assertThat(fake.pushes()).isEmpty();
        assertThat(snapshot.failures()).containsExactly("the admin token Secret is not readable yet");
    }

    @Test
    void onlyReadyPodsCountForProgrammed() {
        fake.unreachable("10.0.0.2", true);
        cluster = new SyncInputs.Observed(TWO, List.of(pod("web-a", "u1", "10.0.0.1"),
                new ProxyPod(new PodEndpoint("web-b", "u2", "10.0.0.2", 9090), false)));
        SyncSnapshot snapshot = sync.sync(WEB, null, 0, TOKEN);

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

    // ---------------------------------------------------------------- the fast path

    @Test
    void aSliceChangeIsPushedWithoutAReconcile() {
        long first = sync(TWO, pod("web-a", "u1", "10.0.0.1"), pod("web-b", "u2", "10.0.0.2")).version();

        observe(ONE, pod("web-a", "u1", "10.0.0.1"), pod("web-b", "u2", "10.0.0.2"));

        await().atMost(Duration.ofSeconds(10)).until(() -> fake.backendsOf("10.0.0.1").equals(ONE)
                && fake.backendsOf("10.0.0.2").equals(ONE));
        assertThat(fake.versionOf("10.0.0.1")).isGreaterThan(first).isEqualTo(fake.versionOf("10.0.0.2"));
        assertThat(sync(ONE, pod("web-a", "u1", "10.0.0.1"), pod("web-b", "u2", "10.0.0.2")).version())
                .as("the reconcile that follows finds the same set and keeps its version")
                .isEqualTo(fake.versionOf("10.0.0.1"));
    }

    @Test
    void leavesAProxyTheReconcilerHasNotSyncedYetToItsFirstReconcile() throws Exception {
        observe(TWO, pod("web-a", "u1", "10.0.0.1"));

        scheduler.submit(() -> { }).get(); // the sync's thread ran everything queued before
        assertThat(fake.pushes()).as("no token and no ConfigMap set yet").isEmpty();
        assertThat(sync.known()).isEmpty();
    }

    @Test
    void sendsOnlyTheLatestOfTheSetsThatCameWhileAPushWasInFlight() throws Exception {
        ProxyPod a = pod("web-a", "u1", "10.0.0.1");
        long first = sync(TWO, a).version();
        fake.hold("10.0.0.1");
        List<BackendEntry> three = List.of(BackendEntry.of("b-1", "10.1.0.1:8080"), BackendEntry.of("b-3", "10.1.0.3:8080"));

        clock.advance(Duration.ofMillis(1));
        observe(ONE, a);
        awaitPushes("10.0.0.1", 2); // ONE is in flight
        clock.advance(Duration.ofMillis(1));
        observe(List.of(), a); // held back by the grace: no new version
        observe(TWO, a);
        clock.advance(Duration.ofMillis(1));
        observe(three, a);
        scheduler.submit(() -> { }).get();
        assertThat(fake.pushesTo("10.0.0.1")).as("nothing more while ONE is in flight").hasSize(2);

        fake.release("10.0.0.1");

        await().atMost(Duration.ofSeconds(10)).until(() -> fake.backendsOf("10.0.0.1").equals(three));
        List<FakeProxyAdminClient.Push> pushes = fake.pushesTo("10.0.0.1");
        assertThat(pushes).extracting(FakeProxyAdminClient.Push::backends).containsExactly(TWO, ONE, three);
        assertThat(pushes).extracting(FakeProxyAdminClient.Push::version).isSorted().doesNotHaveDuplicates()
                .first().isEqualTo(first);
    }

    @Test
    void reprogramsAPodWhoseProxyContainerRestarted() {
        ProxyPod before = pod("web-a", "u1", "10.0.0.1");
        long version = sync(TWO, before).version();
        fake.forget("10.0.0.1"); // the new process starts without the pushed set

        observe(TWO, new ProxyPod(before.endpoint(), true, 1, true));

        await().atMost(Duration.ofSeconds(10)).until(() -> fake.versionOf("10.0.0.1") == version);
        assertThat(fake.pushesTo("10.0.0.1")).hasSize(2);
        assertThat(fake.statusCalls()).as("not found by the status poll").isZero();
    }

    @Test
    void reprogramsWhenTheContainerStartsAgainAndWhenReadinessFlips() throws Exception {
        ProxyPod running = pod("web-a", "u1", "10.0.0.1");
        long version = sync(TWO, running).version();

        observeAndWait(TWO, new ProxyPod(running.endpoint(), false, 0, false)); // stopped
        observeAndWait(TWO, new ProxyPod(running.endpoint(), false, 0, true)); // started again
        observeAndWait(TWO, new ProxyPod(running.endpoint(), true, 0, true)); // ready
        observeAndWait(TWO, new ProxyPod(running.endpoint(), true, 0, true)); // nothing changed

        assertThat(fake.pushesTo("10.0.0.1")).hasSize(4).allSatisfy(p -> assertThat(p.version()).isEqualTo(version));
        assertThat(sync(TWO, new ProxyPod(running.endpoint(), true, 0, true)).programmed()).isEqualTo(1);
    }

    @Test
    void aPushInFlightToAProcessThatRestartedDoesNotCountAsAcknowledged() throws Exception {
        ProxyPod before = pod("web-a", "u1", "10.0.0.1");
        fake.hold("10.0.0.1");
        sync(TWO, before);
        ProxyPod restarted = new ProxyPod(before.endpoint(), true, 1, true);

        observeAndWait(TWO, restarted); // the restart is seen while the first push hangs: the set is sent again
        assertThat(fake.pushesTo("10.0.0.1")).hasSize(2);
        fake.releaseOldest("10.0.0.1"); // the old process's answer

        assertThat(sync(TWO, restarted).programmed()).as("an answer from the process before the restart").isZero();
        fake.release("10.0.0.1");
        assertThat(sync(TWO, restarted).programmed()).isEqualTo(1);
        assertThat(fake.pushesTo("10.0.0.1")).hasSize(2);
    }

    /** {@link #observe}, then waits until the sync's thread has run the refresh (the fake answers pushes at once). */
    private void observeAndWait(List<BackendEntry> set, ProxyPod... pods) throws Exception {
        observe(set, pods);
        scheduler.submit(() -> { }).get();
    }

    private void awaitPushes(String ip, int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> fake.pushesTo(ip).size() >= count);
    }
}
