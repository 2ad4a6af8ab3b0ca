package io.balance.api.validation;

import io.balance.api.config.Algorithm;
import io.balance.api.config.GoDuration;
import io.balance.api.config.LoadBalancerConfig;
import io.balance.api.config.Mode;
import io.balance.api.config.ProxyConfig;
import java.time.Duration;

/**
 * The algorithm's parameters: a hash key only where something hashes, and a valid one; a slow
 * start window that is not negative, not absurdly long, and meant for an algorithm that ramps.
 */
final class LoadBalancerRule implements Rule {
    private static final FieldPath BASE = FieldPath.of("loadBalancer");
    /** Longer than any warm-up (JIT, caches, connection pools) needs; a typo like 30m for 30s would starve a backend. */
    static final Duration MAX_SLOW_START_WINDOW = Duration.ofHours(1);

    @Override
    public void check(ProxyConfig config, Problems problems) {
        LoadBalancerConfig lb = config.loadBalancer();
        String hashKey = lb.hashKey();
        if (hashKey != null) {
            if (!lb.algorithm().hashing()) {
                // the original ignored it too: a warning keeps old files loading
                problems.warning(BASE.field("hashKey"), "has no effect: hash_key only applies to consistent-hash,"
                        + " bounded-consistent-hash and ip-hash; algorithm is " + lb.algorithm().key());
            } else if (!validHashKey(hashKey)) {
                problems.error(BASE.field("hashKey"), "invalid hash key \"" + hashKey + "\"; valid: source-ip, header:NAME (e.g. header:X-User-ID)");
            } else if (hashKey.startsWith("header:") && lb.algorithm() == Algorithm.IP_HASH) {
                problems.error(BASE.field("hashKey"), "ip-hash always hashes the client address; use consistent-hash for header:NAME");
            } else if (hashKey.startsWith("header:") && config.mode() == Mode.TCP) {
                problems.error(BASE.field("hashKey"), "header hashing needs mode: http; in tcp mode only source-ip is available");
            }
        }
        Checks.range(problems, BASE.field("virtualNodes"), lb.virtualNodes(), 1, 10_000);
        if (!(lb.loadFactor() > 1.0 && lb.loadFactor() <= 100.0)) {
            problems.error(BASE.field("loadFactor"), "must be above 1.0 and at most 100.0 (e.g. 1.25 lets a backend take 25% more"
                    + " than the mean); got " + lb.loadFactor());
        }
        checkSlowStart(lb, problems);
    }

    private static void checkSlowStart(LoadBalancerConfig lb, Problems problems) {
        FieldPath path = BASE.field("slowStartWindow");
        Duration window = lb.slowStartWindow();
        Checks.notNegative(problems, path, window);
        if (window.compareTo(MAX_SLOW_START_WINDOW) > 0) {
            problems.error(path, "must be at most " + GoDuration.format(MAX_SLOW_START_WINDOW) + " (e.g. 30s); got "
                    + GoDuration.format(window));
        } else if (Checks.isPositive(window) && lb.algorithm().hashing()) {
            // Envoy does the same: ramping a hash ring would move keys off their backend and back
            problems.warning(path, "has no effect with " + lb.algorithm().key() + ": hashing algorithms keep their key"
                    + " affinity and do not ramp; slow start applies to round-robin, weighted-round-robin,"
                    + " least-connections, weighted-least-connections and random");
        }
    }

    static boolean validHashKey(String key) {
        if (key.equals("source-ip")) {
            return true;
        }
        if (!key.startsWith("header:")) {
            return false;
        }
        String name = key.substring("header:".length());
        return !name.isEmpty() && name.chars().allMatch(LoadBalancerRule::tokenChar);
    }

    static boolean tokenChar(int c) {
        return c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
    }
}
