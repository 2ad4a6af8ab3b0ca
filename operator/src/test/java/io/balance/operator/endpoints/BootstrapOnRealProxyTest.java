package io.balance.operator.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import io.balance.api.config.ConfigLoader;
import io.balance.api.config.ProxyConfig;
import io.balance.operator.Fixtures;
import io.balance.operator.admin.BackendEntry;
import io.balance.operator.admin.HttpProxyAdminClient;
import io.balance.operator.admin.PodEndpoint;
import io.balance.operator.crd.BalanceProxy;
import io.balance.operator.model.BootstrapBackends;
import io.balance.operator.model.ConfigMapModel;
import io.balance.operator.model.Names;
import io.balance.operator.validation.SpecValidator;
import io.balance.proxy.BuildInfo;
import io.balance.proxy.ProxyServer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ConfigMap's config.yaml, as the operator renders it with a bootstrap set, started as a real
 * proxy: it serves the bootstrap set (and is Ready) before any push, and a push supersedes it.
 */
class BootstrapOnRealProxyTest {
    @TempDir
    Path dir;

    @Test
    void aPodStartingWithoutTheOperatorServesTheBootstrapSetUntilAPushSupersedesIt() throws Exception {
        BalanceProxy proxy = Fixtures.stored(Fixtures.quickstart());
        var bootstrap = new BootstrapBackends(1_700_000_000_000L, List.of(BackendEntry.of("b-1", "127.0.0.1:1")));
        String rendered = ConfigMapModel.build(proxy, new SpecValidator().validate(proxy).config(), bootstrap)
                .getData().get(Names.CONFIG_KEY);
        Path token = Files.writeString(dir.resolve("token"), "t0ken\n");
        ProxyConfig config = ConfigLoader.yaml().parse(rendered
                        .replace(Names.TOKEN_FILE, token.toString())
                        .replace("type: epoll", "type: auto")
                        , "config.yaml").config()
                .withListen("127.0.0.1:" + freePort(), "127.0.0.1:" + freePort());

        try (ProxyServer server = new ProxyServer(config, BuildInfo.load()).start()) {
            String admin = "http://127.0.0.1:" + server.adminAddress().getPort();
            assertThat(server.state().registry().current().configs()).extracting(b -> b.address()).containsExactly("127.0.0.1:1");
            assertThat(get(admin + "/ready").statusCode()).isEqualTo(200);

            var pushed = new HttpProxyAdminClient().pushBackends(new PodEndpoint("p", "u", "127.0.0.1",
                    server.adminAddress().getPort()), "t0ken", 1_700_000_000_001L, List.of(BackendEntry.of("b-2", "127.0.0.1:2")))
                    .toCompletableFuture().get(10, TimeUnit.SECONDS);

            assertThat(pushed.acknowledged()).isTrue();
            assertThat(server.state().registry().current().configs()).extracting(b -> b.address()).containsExactly("127.0.0.1:2");
        }
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
