package io.balance.api.validation;

import static io.balance.api.validation.Validate.assertClean;
import static io.balance.api.validation.Validate.errors;
import static io.balance.api.validation.Validate.warnings;
import static io.balance.api.validation.Validate.withBackend;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoadBalancerRuleTest {
    private static final String VALID_KEYS = "valid: source-ip, header:NAME (e.g. header:X-User-ID)";

    @Test
    void unknownHashKeyIsRejected() {
        assertThat(errors("load_balancer: {algorithm: consistent-hash, hash_key: \"cookie:session\"}")).containsExactly(
                "load_balancer.hash_key: invalid hash key \"cookie:session\"; " + VALID_KEYS);
    }

    @Test
    void headerHashKeyNeedsAValidHeaderName() {
        assertThat(errors("load_balancer: {algorithm: consistent-hash, hash_key: \"header:\"}")).containsExactly(
                "load_balancer.hash_key: invalid hash key \"header:\"; " + VALID_KEYS);
        assertThat(errors("load_balancer: {algorithm: bounded-consistent-hash, hash_key: \"header:X User\"}")).containsExactly(
                "load_balancer.hash_key: invalid hash key \"header:X User\"; " + VALID_KEYS);
    }

    @Test
    void ipHashCannotHashAHeader() {
        assertThat(errors("load_balancer: {algorithm: ip-hash, hash_key: \"header:X-User-ID\"}")).containsExactly(
                "load_balancer.hash_key: ip-hash always hashes the client address; use consistent-hash for header:NAME");
    }

    @Test
    void headerHashingNeedsHttpMode() {
        assertThat(errors("mode: tcp\nload_balancer: {algorithm: consistent-hash, hash_key: \"header:X-User-ID\"}")).containsExactly(
                "load_balancer.hash_key: header hashing needs mode: http; in tcp mode only source-ip is available");
    }

    @Test
    void aFileWithoutModeIsTcpSoHeaderHashingNeedsModeHttp() {
        assertThat(errors("load_balancer: {algorithm: consistent-hash, hash_key: \"header:X-User-ID\"}")).containsExactly(
                "load_balancer.hash_key: header hashing needs mode: http; in tcp mode only source-ip is available");
    }

    @Test
    void anInvalidHeaderKeyInTcpModeIsReportedOnce() {
        assertThat(errors("mode: tcp\nload_balancer: {algorithm: consistent-hash, hash_key: \"header:\"}")).containsExactly(
                "load_balancer.hash_key: invalid hash key \"header:\"; " + VALID_KEYS);
    }

    @Test
    void virtualNodesMustBeInRange() {
        assertThat(errors("load_balancer: {algorithm: consistent-hash, virtual_nodes: 0}")).containsExactly(
                "load_balancer.virtual_nodes: must be between 1 and 10000; got 0");
        assertThat(errors("load_balancer: {virtual_nodes: 10001}")).containsExactly(
                "load_balancer.virtual_nodes: must be between 1 and 10000; got 10001");
    }

    @Test
    void loadFactorMustBeAboveOneAndAtMostOneHundred() {
        String rule = "load_balancer.load_factor: must be above 1.0 and at most 100.0"
                + " (e.g. 1.25 lets a backend take 25% more than the mean); got ";
        assertThat(errors("load_balancer: {algorithm: bounded-consistent-hash, load_factor: 1.0}")).containsExactly(rule + "1.0");
        assertThat(errors("load_balancer: {algorithm: bounded-consistent-hash, load_factor: 0.5}")).containsExactly(rule + "0.5");
        assertThat(errors("load_balancer: {algorithm: bounded-consistent-hash, load_factor: 101}")).containsExactly(rule + "101.0");
    }

    @Test
    void hashKeyOnANonHashingAlgorithmIsOnlyAWarning() {
        assertThat(warnings("load_balancer: {algorithm: round-robin, hash_key: source-ip}")).containsExactly(
                "load_balancer.hash_key: has no effect: hash_key only applies to consistent-hash, bounded-consistent-hash"
                        + " and ip-hash; algorithm is round-robin");
        assertThat(withBackend("load_balancer: {algorithm: least-connections, hash_key: \"header:X\"}").isValid()).isTrue();
    }

    @Test
    void everyAlgorithmIsAcceptedWithItsDefaults() {
        for (String algorithm : new String[] {"round-robin", "weighted-round-robin", "least-connections",
                "weighted-least-connections", "random", "consistent-hash", "bounded-consistent-hash", "ip-hash"}) {
            assertClean("load_balancer: {algorithm: " + algorithm + "}");
        }
    }

    @Test
    void acceptsTheHashKeysEachAlgorithmUnderstands() {
        assertClean("mode: http\nload_balancer: {algorithm: consistent-hash, hash_key: \"header:X-User-ID\", virtual_nodes: 200}");
        assertClean("load_balancer: {algorithm: bounded-consistent-hash, hash_key: source-ip, load_factor: 2.0}");
        assertClean("load_balancer: {algorithm: ip-hash, hash_key: source-ip}");
        assertClean("mode: tcp\nload_balancer: {algorithm: consistent-hash, hash_key: source-ip}");
        assertClean("load_balancer: {load_factor: 100.0, virtual_nodes: 1}");
    }

    @Test
    void slowStartWindowMustNotBeNegative() {
        assertThat(errors("load_balancer: {slow_start_window: -1s}")).containsExactly(
                "load_balancer.slow_start_window: must not be negative; got -1s");
    }

    @Test
    void slowStartWindowIsAtMostOneHour() {
        assertThat(errors("load_balancer: {slow_start_window: 61m}")).containsExactly(
                "load_balancer.slow_start_window: must be at most 1h (e.g. 30s); got 1h1m");
        assertClean("load_balancer: {slow_start_window: 1h}");
    }

    @Test
    void slowStartWindowNeedsAUnit() {
        assertThat(errors("load_balancer: {slow_start_window: 30}")).singleElement().asString()
                .startsWith("load_balancer.slow_start_window:").contains("unit");
    }

    @Test
    void slowStartIsAcceptedForEveryAlgorithmThatRamps() {
        for (String algorithm : new String[] {"round-robin", "weighted-round-robin", "least-connections",
                "weighted-least-connections", "random"}) {
            assertClean("load_balancer: {algorithm: " + algorithm + ", slow_start_window: 30s}");
        }
        assertClean("load_balancer: {algorithm: ip-hash, slow_start_window: 0s}");
    }

    @Test
    void slowStartWithAHashingAlgorithmIsOnlyAWarning() {
        for (String algorithm : new String[] {"consistent-hash", "bounded-consistent-hash", "ip-hash"}) {
            assertThat(warnings("load_balancer: {algorithm: " + algorithm + ", slow_start_window: 30s}")).containsExactly(
                    "load_balancer.slow_start_window: has no effect with " + algorithm + ": hashing algorithms keep their key"
                            + " affinity and do not ramp; slow start applies to round-robin, weighted-round-robin,"
                            + " least-connections, weighted-least-connections and random");
            assertThat(withBackend("load_balancer: {algorithm: " + algorithm + ", slow_start_window: 30s}").isValid()).isTrue();
        }
    }
}
