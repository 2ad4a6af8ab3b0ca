package io.balance.sandbox;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Queue;

/**
 * The embedded Kubernetes API server: the fabric8 mock in CRUD mode on 127.0.0.1 behind the
 * {@link SandboxDispatcher}, with the BalanceProxy CRD loaded. It has no server-side apply,
 * schema validation, defaulting, admission, garbage collector or controllers.
 */
public final class ApiServer implements AutoCloseable {
    static final String CRD_RESOURCE = "/sandbox/crds/balanceproxies.balance.io-v1.yml";
    /** The mock logs every request through java.util.logging; kept referenced so the level sticks. */
    private static final java.util.logging.Logger MOCK_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    static {
        MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    private final KubernetesMockServer server;
    private final KubernetesClient client;

    @SuppressWarnings("deprecation") // the mock's Context still wants the static JSON mapper
    private ApiServer(int port) {
        var responses = new HashMap<ServerRequest, Queue<ServerResponse>>();
        var dispatcher = new SandboxDispatcher(new KubernetesMixedDispatcher(responses));
        server = new KubernetesMockServer(new Context(Serialization.jsonMapper()), new MockWebServer(), responses, dispatcher, false);
        try {
            server.init(InetAddress.getByName("127.0.0.1"), port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        client = server.createClient();
        try (InputStream in = ApiServer.class.getResourceAsStream(CRD_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(CRD_RESOURCE + " is not on the class path: build the sandbox with mvn");
            }
            client.apiextensions().v1().customResourceDefinitions().load(in).create();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts on 127.0.0.1:{@code port} (0: any free port). */
    public static ApiServer start(int port) {
        return new ApiServer(port);
    }

    public KubernetesClient client() {
        return client;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getPort();
    }

    public int port() {
        return server.getPort();
    }

    /** Writes a kubeconfig pointing at this server (plain HTTP, no credentials). */
    public Path writeKubeconfig(Path file) {
        String text = """
                apiVersion: v1
                kind: Config
                clusters:
                - name: balance-sandbox
                  cluster:
                    server: %s
                contexts:
                - name: balance-sandbox
                  context:
                    cluster: balance-sandbox
                    namespace: default
                    user: balance-sandbox
                current-context: balance-sandbox
                users:
                - name: balance-sandbox
                  user: {}
                """.formatted(url());
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
