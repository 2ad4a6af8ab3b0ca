package io.balance.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs each image's exact ENTRYPOINT/CMD and HEALTHCHECK (parsed from the Dockerfile) as the
 * image's non-root user, with the image's ENV and its files laid out under a temporary root: a
 * typo in the entrypoint, a missing file or a root-only path fails here, without a Docker engine.
 */
class ImageEntrypointTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private static final Map<String, String> BUILD_ARGS =
            Map.of("VERSION", "9.9.9-image-test", "GIT_COMMIT", "abc1234", "BUILD_TIME", "2026-11-27T12:00:00Z");

    @TempDir
    Path tmp;

    private final List<Process> started = new ArrayList<>();
    private HttpServer backend;

    @AfterEach
    void stop() throws Exception {
        for (Process process : started) {
            if (process.isAlive()) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (backend != null) {
            backend.stop(0);
        }
    }

    @Test
    void proxyImageServesTrafficAsItsUserAndDrainsOnSigterm() throws Exception {
        ImageRoot image = ImageRoot.install("Dockerfile.proxy", tmp.resolve("proxy-image"));
        String user = image.runtime().last("USER").orElseThrow().args();
        int backendPort = startBackend();
        int trafficPort = freePort(8080);
        int adminPort = freePort(9090);
        Files.writeString(image.file("/etc/balance/config.yaml"), """
                mode: http
                listen: "127.0.0.1:%d"
                backends:
                  - name: web
                    address: "127.0.0.1:%d"
                admin:
                  listen: "127.0.0.1:%d"
                """.formatted(trafficPort, backendPort, adminPort));
        Path log = tmp.resolve("proxy.log");

        Process proxy = start(Unprivileged.wrap(user, image.entrypointAndCmd()), image.env(BUILD_ARGS), log);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .untilAsserted(() -> assertAlive(proxy, log).statusCode(adminPort, "/health", 200));
        assertThat(uidOf(proxy)).as("the process runs as the image's USER, not root").isNotEqualTo("0");
        assertThat(get(trafficPort, "/").body()).isEqualTo("hello from the backend");
        assertThat(get(adminPort, "/version").body()).contains("9.9.9-image-test").contains("abc1234");
        List<String> healthcheck = withPort(image.healthcheck(), 9090, adminPort);
        assertThat(runToEnd(Unprivileged.wrap(user, healthcheck), image.env(BUILD_ARGS))).as("HEALTHCHECK exit code").isZero();

        proxy.destroy(); // SIGTERM to java: the wrapper script execs it
        assertThat(proxy.waitFor(60, TimeUnit.SECONDS)).as("the proxy exits after SIGTERM").isTrue();
        assertThat(proxy.exitValue()).as("exit code after a drain; log:\n" + Files.readString(log)).isZero();
        assertThat(Files.readString(log)).contains("SIGTERM").doesNotContain("Exception in thread \"main\"");
    }

    @Test
    void operatorImageServesHealthzWithoutAClusterAndStopsOnSigterm() throws Exception {
        ImageRoot image = ImageRoot.install("Dockerfile.operator", tmp.resolve("operator-image"));
        String user = image.runtime().last("USER").orElseThrow().args();
        int healthPort = freePort(8081);
        Map<String, String> env = new java.util.HashMap<>(image.env(BUILD_ARGS));
        env.put("HEALTH_PORT", String.valueOf(healthPort));
        env.put("LEADER_ELECTION", "false");
        // no cluster: an API server address that refuses connections, no kubeconfig, no retries
        env.put("KUBERNETES_MASTER", "https://127.0.0.1:1");
        env.put("KUBERNETES_AUTH_TRYKUBECONFIG", "false");
        env.put("KUBERNETES_AUTH_TRYSERVICEACCOUNT", "false");
        env.put("KUBERNETES_REQUEST_RETRY_BACKOFFLIMIT", "0");
        Path log = tmp.resolve("operator.log");

        Process operator = start(Unprivileged.wrap(user, image.entrypointAndCmd()), env, log);

        List<String> healthcheck = Unprivileged.wrap(user, withPort(image.healthcheck(), 8081, healthPort));
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            assertAlive(operator, log);
            assertThat(runToEnd(healthcheck, env)).as("HEALTHCHECK exit code").isZero();
        });
        assertThat(uidOf(operator)).isNotEqualTo("0");
        // /readyz is not probed here: without an API server it blocks (and with it the single-threaded
        // health server, /healthz included); see docs/TROUBLESHOOTING.md
        // the operator logs its baked version (OperatorSettings.version()); it does not read BALANCE_VERSION
        assertThat(Files.readString(log)).contains("balance-operator ").contains(" starting");

        operator.destroy();
        assertThat(operator.waitFor(60, TimeUnit.SECONDS)).as("the operator exits after SIGTERM").isTrue();
        assertThat(Files.readString(log)).contains("stopping");
    }

    private Process start(List<String> command, Map<String, String> env, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        Process process = builder.start();
        started.add(process);
        return process;
    }

    private static int runToEnd(List<String> command, Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getInputStream().readAllBytes();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }

    private static Probe assertAlive(Process process, Path log) throws IOException {
        if (!process.isAlive()) {
            throw new AssertionError("exited with " + process.exitValue() + " before it was healthy; output:\n" + Files.readString(log));
        }
        return new Probe();
    }

    private static final class Probe {
        void statusCode(int port, String path, int expected) throws Exception {
            assertThat(get(port, path).statusCode()).isEqualTo(expected);
        }
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String uidOf(Process process) throws IOException {
        return Files.readAllLines(Path.of("/proc/" + process.pid() + "/status")).stream()
                .filter(l -> l.startsWith("Uid:")).findFirst().orElseThrow().split("\\s+")[1];
    }

    /** The HEALTHCHECK probes the image's fixed port; here it may have had to move to a free one. */
    private static List<String> withPort(List<String> command, int imagePort, int port) {
        return command.stream().map(a -> a.replace("127.0.0.1:" + imagePort + "/", "127.0.0.1:" + port + "/")).toList();
    }

    private int startBackend() throws IOException {
        backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        backend.createContext("/", exchange -> {
            byte[] body = "hello from the backend".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        backend.start();
        return backend.getAddress().getPort();
    }

    /** The image's own port when it is free here, else any free one. */
    private static int freePort(int preferred) throws IOException {
        try (ServerSocket socket = new ServerSocket(preferred, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return preferred;
        } catch (IOException busy) {
            try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
                return socket.getLocalPort();
            }
        }
    }
}
