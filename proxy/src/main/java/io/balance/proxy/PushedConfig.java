package io.balance.proxy;

import io.balance.api.config.HostPort;
import io.balance.api.config.ProxyConfig;

/**
 * A config pushed over {@code PUT /config} describes the whole fleet; where this instance binds
 * and where its admin token is mounted are facts of the instance. So a pushed config keeps this
 * instance's listen hosts when the ports are the same (a different port is a restart-class change
 * and is refused as such) and this instance's {@code admin.token_file}.
 */
final class PushedConfig {
    private PushedConfig() {
    }

    static ProxyConfig placedOn(ProxyConfig current, ProxyConfig pushed) {
        String listen = samePort(current.listen(), pushed.listen()) ? current.listen() : pushed.listen();
        String admin = samePort(current.admin().listen(), pushed.admin().listen()) ? current.admin().listen() : pushed.admin().listen();
        return pushed.withListen(listen, admin).withAdminTokenFile(current.admin().tokenFile());
    }

    private static boolean samePort(String a, String b) {
        try {
            return HostPort.parse(a).port() == HostPort.parse(b).port();
        } catch (IllegalArgumentException unparsable) {
            return false; // the validator names the bad address
        }
    }
}
