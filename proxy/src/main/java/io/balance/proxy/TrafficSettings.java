package io.balance.proxy;

import io.balance.api.config.Cidr;
import io.balance.api.config.ProxyConfig;
import io.balance.proxy.resilience.ResilienceSettings;
import io.netty.util.AsciiString;
import java.net.InetAddress;
import java.util.List;

/**
 * What the hot path needs from the config, computed once per config version: parsed CIDRs,
 * the hash header as an {@link AsciiString}, timeouts in the units the timers take, and the
 * resilience settings (retries, limits, panic threshold).
 */
public record TrafficSettings(
        ProxyConfig config,
        long version,
        List<Cidr> trustedProxies,
        AsciiString hashHeader,
        int connectTimeoutMillis,
        long readTimeoutNanos,
        long writeTimeoutNanos,
        long idleTimeoutNanos,
        long requestTimeoutNanos,
        ResilienceSettings resilience) {

    public static TrafficSettings of(ProxyConfig config, long version) {
        String hashKey = config.loadBalancer().algorithm().hashing() ? config.loadBalancer().effectiveHashKey() : "";
        AsciiString header = hashKey.startsWith("header:") ? AsciiString.cached(hashKey.substring("header:".length())) : null;
        return new TrafficSettings(
                config,
                version,
                config.http().trustedProxies().stream().map(Cidr::parse).toList(),
                header,
                (int) Math.min(Integer.MAX_VALUE, config.timeouts().connect().toMillis()),
                config.timeouts().read().toNanos(),
                config.timeouts().write().toNanos(),
                config.timeouts().idle().toNanos(),
                config.timeouts().request().toNanos(),
                ResilienceSettings.of(config));
    }

    public boolean trusted(InetAddress address) {
        for (Cidr cidr : trustedProxies) {
            if (cidr.contains(address)) {
                return true;
            }
        }
        return false;
    }
}
