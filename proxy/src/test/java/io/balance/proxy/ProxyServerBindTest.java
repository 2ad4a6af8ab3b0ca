package io.balance.proxy;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.balance.api.config.ProxyConfig;
import io.balance.proxy.testing.RunningProxy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** A port that is taken is named in the one line {@code run} prints, with the key it came from. */
class ProxyServerBindTest {
    private static final String YAML = "mode: http\nbackends: [{address: \"127.0.0.1:9\"}]\n";

    @Test
    void aTakenTrafficPortNamesListen() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ProxyConfig config = on(taken.getLocalPort(), null);

            assertThatThrownBy(() -> new ProxyServer(config, BuildInfo.load()).start())
                    .isInstanceOf(IOException.class)
                    .hasMessage("listen 127.0.0.1:" + taken.getLocalPort() + ": Address already in use");
        }
    }

    @Test
    void aTakenAdminPortNamesAdminListen() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ProxyConfig config = on(null, taken.getLocalPort());

            assertThatThrownBy(() -> new ProxyServer(config, BuildInfo.load()).start())
                    .isInstanceOf(IOException.class)
                    .hasMessage("admin.listen 127.0.0.1:" + taken.getLocalPort() + ": Address already in use");
        }
    }

    private static ProxyConfig on(Integer traffic, Integer admin) throws Exception {
        ProxyConfig free = RunningProxy.load(YAML);
        String listen = traffic == null ? free.listen() : "127.0.0.1:" + traffic;
        String adminListen = admin == null ? free.admin().listen() : "127.0.0.1:" + admin;
        return free.withListen(listen, adminListen);
    }
}
