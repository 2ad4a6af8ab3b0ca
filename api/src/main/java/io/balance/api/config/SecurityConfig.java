package io.balance.api.config;

import java.time.Duration;
import java.util.List;

/**
 * {@code security}: the original format's rate limiting, per-client connection protection and
 * IP blocklist. None of it is supported yet: the validator rejects every part that asks for
 * something ({@code rate_limit.enabled: true}, a non-zero protection limit, a non-empty
 * blocklist). Parts that ask for nothing are accepted, as the original ignored them too.
 */
public record SecurityConfig(RateLimit rateLimit, ConnectionProtection connectionProtection, IpBlocklist ipBlocklist) {

    public SecurityConfig {
        rateLimit = rateLimit == null ? RateLimit.defaults() : rateLimit;
        connectionProtection = connectionProtection == null ? ConnectionProtection.defaults() : connectionProtection;
        ipBlocklist = ipBlocklist == null ? IpBlocklist.defaults() : ipBlocklist;
    }

    public static SecurityConfig defaults() {
        return new SecurityConfig(null, null, null);
    }

    /** {@code security.rate_limit}: off unless {@code enabled: true}, as in the original. */
    public record RateLimit(Boolean enabled, String type, Double requestsPerSecond, Long burstSize, String windowSize,
            Long maxRequests) {

        public RateLimit {
            enabled = enabled != null && enabled;
        }

        public static RateLimit defaults() {
            return new RateLimit(null, null, null, null, null, null);
        }
    }

    /** {@code security.connection_protection}: each limit is off at 0 or when omitted. */
    public record ConnectionProtection(Integer maxConnectionsPerIp, Double maxConnectionRate, Duration readTimeout,
            Long maxRequestSize, Long maxHeaderSize) {

        public static ConnectionProtection defaults() {
            return new ConnectionProtection(null, null, null, null, null);
        }

        /** True if any limit is set to something other than 0. */
        public boolean asksForAny() {
            return positive(maxConnectionsPerIp) || positive(maxConnectionRate) || positive(maxRequestSize)
                    || positive(maxHeaderSize) || (readTimeout != null && !readTimeout.isZero());
        }

        private static boolean positive(Number n) {
            return n != null && n.doubleValue() != 0;
        }
    }

    /** {@code security.ip_blocklist}: addresses and CIDR ranges to refuse. */
    public record IpBlocklist(List<String> blockedIps, List<String> blockedCidrs) {

        public IpBlocklist {
            blockedIps = blockedIps == null ? List.of() : Lists.copyOf(blockedIps);
            blockedCidrs = blockedCidrs == null ? List.of() : Lists.copyOf(blockedCidrs);
        }

        public static IpBlocklist defaults() {
            return new IpBlocklist(null, null);
        }
    }
}
