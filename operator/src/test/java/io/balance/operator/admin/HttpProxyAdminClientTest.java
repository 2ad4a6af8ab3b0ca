package io.balance.operator.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.balance.api.config.ConfigLoader;
import io.balance.api.config.ProxyConfig;
import io.balance.proxy.BuildInfo;
import io.balance.proxy.ProxyServer;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real admin client against a real proxy started in-process on loopback (dynamic backends, a token file). */
class HttpProxyAdminClientTest {
    private static final String TOKEN = "test-admin-token";

    @TempDir
    Path dir;
    private ProxyServer proxy;
    private PodEndpoint pod;
    private final HttpProxyAdminClient client = new HttpProxyAdminClient(Duration.ofSeconds(2));

    private String listen;
    private String adminListen;
    private Path token;

    @BeforeEach
    void start() throws Exception {
        token = Files.writeString(dir.resolve("token"), TOKEN + "\n");
        listen = "127.0.0.1:" + freePort();
        adminListen = "127.0.0.1:" + freePort();
        ProxyConfig config = ConfigLoader.yaml().parse("""
                mode: http
                dynamic_backends: true
                admin: {token_file: "%s"}
                """.formatted(token), "test config").config()
                .withListen(listen, adminListen);
        proxy = new ProxyServer(config, BuildInfo.load()).start();
        pod = new PodEndpoint("web-0", "uid-0", "127.0.0.1", proxy.adminAddress().getPort());
    }

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.close();
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static <T> T get(java.util.concurrent.CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void pushesASetTheProxyAppliesAndReportsInItsStatus() throws Exception {
        List<BackendEntry> set = List.of(BackendEntry.of("b-1", "127.0.0.1:1"), BackendEntry.of("b-2", "127.0.0.1:2"));

        assertThat(get(client.status(pod)).backendsVersion()).isZero();
        PushResult pushed = get(client.pushBackends(pod, TOKEN, 1_700_000_000_000L, set));

        assertThat(pushed.acknowledged()).isTrue();
        assertThat(get(client.status(pod)).backendsVersion()).isEqualTo(1_700_000_000_000L);
        assertThat(proxy.state().registry().current().configs()).extracting(b -> b.name() + "=" + b.address())
                .containsExactly("b-1=127.0.0.1:1", "b-2=127.0.0.1:2");
        assertThat(get(client.pushBackends(pod, TOKEN, 1_700_000_000_000L, set)).acknowledged())
                .as("the same version with the same body is idempotent").isTrue();
    }

    @Test
    void anOlderVersionIsAConflictAndAWrongTokenAFailure() throws Exception {
        List<BackendEntry> set = List.of(BackendEntry.of("b-1", "127.0.0.1:1"));
        get(client.pushBackends(pod, TOKEN, 10, set));

        PushResult older = get(client.pushBackends(pod, TOKEN, 9, set));
        PushResult wrongToken = get(client.pushBackends(pod, "not-the-token-xyz", 11, set));

        assertThat(older.outcome()).isEqualTo(PushResult.Outcome.CONFLICT);
        assertThat(older.message()).contains("older");
        assertThat(wrongToken.outcome()).isEqualTo(PushResult.Outcome.FAILED);
        assertThat(wrongToken.httpStatus()).isEqualTo(401);
        assertThat(wrongToken.message()).as("no token in messages").doesNotContain("not-the-token-xyz");
    }

    @Test
    void anUnreachablePodIsAFailureNotAnException() throws Exception {
        PodEndpoint gone = new PodEndpoint("web-1", "uid-1", "127.0.0.1", freePort());

        PushResult result = get(client.pushBackends(gone, TOKEN, 1, List.of()));

        assertThat(result.outcome()).isEqualTo(PushResult.Outcome.FAILED);
        assertThat(result.message()).contains("Connect");
        assertThatThrownBy(() -> get(client.status(gone))).hasCauseInstanceOf(java.net.ConnectException.class);
    }

    /** The running config in the file format, with a changed hot section: what the operator would push. */
    private com.fasterxml.jackson.databind.node.ObjectNode config(String mode, String algorithm) throws Exception {
        return (com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper().readTree("""
                {"mode": "%s", "listen": "%s", "dynamic_backends": true,
                 "admin": {"listen": "%s", "token_file": "%s"},
                 "load_balancer": {"algorithm": "%s"}}
                """.formatted(mode, listen, adminListen, token, algorithm));
    }

    @Test
    void pushesAHotConfigTheProxyAppliesAndReportsInItsStatus() throws Exception {
        assertThat(proxy.config().loadBalancer().algorithm().toString()).isNotEqualToIgnoringCase("least-connections");

        PushResult pushed = get(client.pushConfig(pod, TOKEN, 1_700_000_000_000L, config("http", "least-connections")));

        assertThat(pushed.acknowledged()).as(pushed.message()).isTrue();
        assertThat(get(client.status(pod)).configVersion()).isEqualTo(1_700_000_000_000L);
        assertThat(proxy.config().loadBalancer().algorithm().toString().toLowerCase().replace('_', '-'))
                .isEqualTo("least-connections");
        assertThat(get(client.pushConfig(pod, TOKEN, 1_700_000_000_000L, config("http", "least-connections"))).acknowledged())
                .as("the same version with the same config is idempotent").isTrue();
        assertThat(get(client.pushConfig(pod, TOKEN, 1_699_999_999_999L, config("http", "random"))).outcome())
                .as("an older version").isEqualTo(PushResult.Outcome.CONFLICT);
    }

    @Test
    void aRestartClassChangeIsAConflictNamingTheKeyAndAnInvalidConfigAFailureWithItsPath() throws Exception {
        PushResult modeChange = get(client.pushConfig(pod, TOKEN, 5, config("tcp", "round-robin")));
        PushResult invalid = get(client.pushConfig(pod, TOKEN, 6, config("http", "fastest")));

        assertThat(modeChange.outcome()).isEqualTo(PushResult.Outcome.CONFLICT);
        assertThat(modeChange.message()).contains("mode");
        assertThat(invalid.outcome()).isEqualTo(PushResult.Outcome.FAILED);
        assertThat(invalid.httpStatus()).isEqualTo(400);
        assertThat(invalid.message()).startsWith("PUT /config answered 400").contains("load_balancer.algorithm");
        assertThat(get(client.status(pod)).configVersion()).as("nothing applied").isZero();
    }
}
