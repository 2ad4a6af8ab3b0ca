package io.balance.sandbox;

import io.balance.operator.BalanceOperator;
import io.balance.operator.OperatorSettings;
import io.balance.operator.runtime.OperatorMetrics;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole cluster-free sandbox: the embedded API server, the real operator (in-process, with
 * the mock-tier settings: no server-side apply), the node simulator running real proxies on
 * 127.0.0.x, and the demo backends behind the Service {@code web-backend}. Closing it stops
 * everything in reverse order.
 */
public final class Sandbox implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Sandbox.class);
    public static final String IMAGE = "balance/proxy:sandbox";
    public static final String QUICKSTART_RESOURCE = "/sandbox/examples/quickstart.yaml";

    /** How to run: API server port (0: any), demo backend count, namespace, work directory, node tick. */
    public record Options(int apiPort, int backends, String namespace, Path workDir, Duration tick) {
        public static Options defaults(Path workDir) {
            return new Options(0, 3, "default", workDir, Duration.ofMillis(300));
        }

        public Options withApiPort(int port) {
            return new Options(port, backends, namespace, workDir, tick);
        }

        public Options withBackends(int count) {
            return new Options(apiPort, count, namespace, workDir, tick);
        }
    }

    private final Options options;
    private ApiServer api;
    private Operator operator;
    private NodeSimulator node;
    private DemoBackends backends;
    private Path kubeconfig;
    private Path kubectl;
    private boolean closed;

    private Sandbox(Options options) {
        this.options = options;
    }

    public static Sandbox start(Options options) {
        Sandbox sandbox = new Sandbox(options);
        try {
            sandbox.startAll();
        } catch (RuntimeException e) {
            sandbox.close();
            throw e;
        }
        return sandbox;
    }

    private void startAll() {
        try {
            Files.createDirectories(options.workDir());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        api = ApiServer.start(options.apiPort());
        kubeconfig = api.writeKubeconfig(options.workDir().resolve("kubeconfig"));
        kubectl = writeKubectlWrapper(options.workDir().resolve("kubectl"), kubeconfig);
        LOG.info("API server on {}", api.url());
        backends = new DemoBackends(api.client(), options.namespace()).start(options.backends());
        node = new NodeSimulator(api.client(), options.workDir()).start(options.tick());
        OperatorSettings settings = new OperatorSettings(Set.of(), IMAGE, false, null, 0);
        operator = BalanceOperator.create(api.client(), settings, new OperatorMetrics(new SimpleMeterRegistry()), o -> o
                .withSSABasedCreateUpdateMatchForDependentResources(false)
                .withUseSSAToPatchPrimaryResource(false)
                .withCloseClientOnStop(false));
        operator.start();
        LOG.info("operator started");
    }

    /** Applies {@code examples/quickstart.yaml} (the copy inside the jar). */
    public List<HasMetadata> applyQuickstart() {
        try (InputStream in = Sandbox.class.getResourceAsStream(QUICKSTART_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(QUICKSTART_RESOURCE + " is not on the class path");
            }
            return apply(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates or replaces every object in a YAML text (client-side, like {@code kubectl apply}). */
    public List<HasMetadata> apply(String yaml) {
        var objects = client().load(new java.io.ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
        return objects.items().stream().map(this::createOrUpdate).toList();
    }

    /**
     * Creates the object, or replaces what a user owns of it (labels, annotations, spec: all but
     * metadata bookkeeping and status) on the latest copy, again if a writer got in between.
     */
    private HasMetadata createOrUpdate(HasMetadata object) {
        String namespace = object.getMetadata().getNamespace() == null ? options.namespace() : object.getMetadata().getNamespace();
        object.getMetadata().setNamespace(namespace);
        for (int attempt = 1; ; attempt++) {
            HasMetadata latest = client().resource(object).get();
            if (latest == null) {
                return client().resource(object).create();
            }
            object.getMetadata().setResourceVersion(latest.getMetadata().getResourceVersion());
            try {
                return client().resource(object).update();
            } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
                if (e.getCode() != 409 || attempt >= 10) {
                    throw e;
                }
            }
        }
    }

    public KubernetesClient client() {
        return api.client();
    }

    public ApiServer api() {
        return api;
    }

    public NodeSimulator node() {
        return node;
    }

    public DemoBackends backends() {
        return backends;
    }

    public Path kubeconfig() {
        return kubeconfig;
    }

    public Path kubectl() {
        return kubectl;
    }

    public String namespace() {
        return options.namespace();
    }

    /**
     * A kubectl wrapper: points at this sandbox's kubeconfig and adds {@code --validate=false} to
     * apply/create/replace (the sandbox publishes no OpenAPI schema). Strategic merge patches are
     * accepted server-side as merge patches, so no content-type rewriting is needed here.
     */
    static Path writeKubectlWrapper(Path file, Path kubeconfig) {
        String script = """
                #!/bin/sh
                # kubectl against the Balance sandbox (generated; see README). Adds --validate=false where
                # kubectl would otherwise fetch the OpenAPI schema, which the sandbox does not publish.
                KUBECTL="${KUBECTL:-kubectl}"
                KUBECONFIG_FILE='%s'
                case "$1" in
                  apply|create|replace) verb="$1"; shift; exec "$KUBECTL" --kubeconfig "$KUBECONFIG_FILE" "$verb" --validate=false "$@" ;;
                  *) exec "$KUBECTL" --kubeconfig "$KUBECONFIG_FILE" "$@" ;;
                esac
                """.formatted(kubeconfig.toAbsolutePath());
        try {
            Files.writeString(file, script, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (operator != null) {
            try {
                operator.stop();
            } catch (RuntimeException e) {
                LOG.warn("operator stop: {}", e.getMessage());
            }
        }
        if (node != null) {
            node.close();
        }
        if (backends != null) {
            backends.close();
        }
        if (api != null) {
            api.close();
        }
    }
}
