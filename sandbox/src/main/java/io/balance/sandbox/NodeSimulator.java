package io.balance.sandbox;

import io.balance.api.config.ConfigLoader;
import io.balance.api.config.LoadedConfig;
import io.balance.api.config.ProxyConfig;
import io.balance.operator.model.Names;
import io.balance.proxy.BuildInfo;
import io.balance.proxy.ProxyServer;
import io.balance.proxy.ReloadResult;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.BitSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays the node and the built-in controllers the mock API server lacks. Every tick it:
 * <ul>
 * <li>runs, for every Deployment owned by a BalanceProxy, as many real in-process proxies as
 * {@code spec.replicas} asks, each bound to its own loopback address (127.0.0.11, .12, ...), with
 * the ConfigMap's config (listeners moved to the pod's IP and the container's ports, the token
 * file to a temporary file holding the admin Secret's token), and records them as Pods;</li>
 * <li>applies a changed ConfigMap hot (as the proxy does when the mounted file changes), and
 * replaces pods when the pod template changes;</li>
 * <li>probes {@code /health} (3 failures restart the container, same pod and IP) and
 * {@code /ready} (the Pod's Ready condition follows it; a restart is written at once), and writes
 * Deployment status;</li>
 * <li>deletes objects whose owner is gone (the mock has no garbage collector).</li>
 * </ul>
 */
public final class NodeSimulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NodeSimulator.class);
    public static final String TEMPLATE_HASH_LABEL = "pod-template-hash";
    static final int FIRST_POD_HOST = 11;
    static final int LAST_POD_HOST = 99;
    static final int LIVENESS_FAILURES = 3;
    private static final ResourceDefinitionContext BALANCE_PROXIES = new ResourceDefinitionContext.Builder()
            .withGroup("balance.io").withVersion("v1alpha1").withPlural("balanceproxies").withKind("BalanceProxy")
            .withNamespaced(true).build();

    private final KubernetesClient client;
    private final Path workDir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final ConfigLoader yaml = ConfigLoader.yaml();
    private final BuildInfo buildInfo = BuildInfo.load();
    private final Map<String, List<ProxyPod>> podsByDeployment = new ConcurrentHashMap<>(); // ns/name -> pods, read by other threads
    private final BitSet usedHosts = new BitSet();
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "node-simulator");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closed;
    private long ticks;

    public NodeSimulator(KubernetesClient client, Path workDir) {
        this.client = client;
        this.workDir = workDir;
    }

    public NodeSimulator start(Duration period) {
        loop.scheduleWithFixedDelay(this::safeTick, 0, period.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** The pods of one Deployment, oldest first (a snapshot). */
    public List<ProxyPod> pods(String namespace, String deployment) {
        return List.copyOf(podsByDeployment.getOrDefault(namespace + "/" + deployment, List.of()));
    }

    /** Every simulated pod (a snapshot). */
    public List<ProxyPod> allPods() {
        List<ProxyPod> all = new ArrayList<>();
        podsByDeployment.values().forEach(all::addAll);
        return all;
    }

    /** Simulates a crash: the pod's proxy stops at once; the liveness probe notices and restarts it. */
    public void kill(ProxyPod pod) {
        ProxyServer server = pod.server;
        if (server != null) {
            server.close();
        }
    }

    private void safeTick() {
        if (closed) {
            return;
        }
        try {
            tick();
        } catch (KubernetesClientException e) {
            LOG.debug("node tick: {}", e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("node tick failed: {}", e.toString(), e);
        }
    }

    synchronized void tick() {
        ticks++;
        List<Deployment> deployments = client.apps().deployments().inAnyNamespace().list().getItems();
        Set<String> seen = new HashSet<>();
        for (Deployment deployment : deployments) {
            if (!ownedByKind(deployment, "BalanceProxy") || deployment.getMetadata().getDeletionTimestamp() != null) {
                continue;
            }
            String key = key(deployment);
            seen.add(key);
            try {
                reconcile(deployment);
            } catch (KubernetesClientException e) {
                LOG.debug("deployment {}: {}", key, e.getMessage());
            }
        }
        for (String key : new ArrayList<>(podsByDeployment.keySet())) {
            if (!seen.contains(key)) {
                LOG.info("deployment {} is gone: stopping its pods", key);
                podsByDeployment.remove(key).forEach(this::deletePod);
            }
        }
        if (ticks % 3 == 0) {
            collectGarbage();
        }
    }

    private void reconcile(Deployment deployment) {
        String namespace = deployment.getMetadata().getNamespace();
        String key = key(deployment);
        int desired = deployment.getSpec().getReplicas() == null ? 1 : deployment.getSpec().getReplicas();
        String hash = templateHash(deployment);
        List<ProxyPod> pods = podsByDeployment.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>());

        // the pod template changed: replace the old pods (one new pod per old one, then the old goes)
        for (ProxyPod old : new ArrayList<>(pods)) {
            if (!old.templateHash.equals(hash)) {
                ProxyPod fresh = createPod(deployment, hash);
                if (fresh == null) {
                    break;
                }
                pods.add(fresh);
                pods.remove(old);
                LOG.info("pod template of {} changed: {} replaces {}", key, fresh.name, old.name);
                deletePod(old);
            }
        }
        // a Pod object deleted by someone (kubectl delete pod): its container stops, the Deployment replaces it
        Set<String> livePods = new HashSet<>();
        client.pods().inNamespace(namespace).list().getItems().forEach(p -> livePods.add(p.getMetadata().getName()));
        for (ProxyPod pod : new ArrayList<>(pods)) {
            if (pod.uid != null && !livePods.contains(pod.name)) {
                LOG.info("pod {} was deleted", pod.name);
                pods.remove(pod);
                stopContainer(pod);
                releaseHost(pod.ip);
            }
        }
        while (pods.size() > desired) {
            ProxyPod extra = pods.remove(pods.size() - 1);
            LOG.info("{} scaled to {}: stopping {}", key, desired, extra.name);
            deletePod(extra);
        }
        while (pods.size() < desired) {
            ProxyPod fresh = createPod(deployment, hash);
            if (fresh == null) {
                break;
            }
            pods.add(fresh);
            LOG.info("{} scaled to {}: started {} on {}", key, desired, fresh.name, fresh.ip);
        }

        ConfigMap configMap = configMap(deployment);
        Secret secret = secret(deployment);
        for (ProxyPod pod : pods) {
            if (pod.server == null) {
                startContainer(pod, configMap, secret);
            } else {
                refreshToken(pod, secret);
                applyConfig(pod, configMap);
                probeLiveness(pod, configMap, secret);
            }
            boolean ready = pod.server != null && probe(pod.adminUrl() + "/ready");
            if (ready != pod.ready || pod.uid == null || pod.restarts != pod.restartsWritten) {
                pod.ready = ready;
                writePod(deployment, pod); // as a kubelet reports a container restart at once
            }
        }
        writeDeploymentStatus(deployment, pods, hash);
    }

    // ---- pods ---------------------------------------------------------------------------------

    private ProxyPod createPod(Deployment deployment, String hash) {
        Container container = container(deployment);
        if (container == null) {
            return null;
        }
        int port = port(container, Names.TRAFFIC_PORT_NAME, 8080);
        int adminPort = port(container, Names.ADMIN_PORT_NAME, 9090);
        String ip = allocateHost(port, adminPort);
        if (ip == null) {
            LOG.warn("no free loopback address for another pod of {}", key(deployment));
            return null;
        }
        String name = deployment.getMetadata().getName() + "-" + hash.substring(0, 10) + "-" + suffix();
        try {
            Path tokenFile = Files.createTempFile(workDir, name + "-", ".token");
            return new ProxyPod(deployment.getMetadata().getNamespace(), name, ip, hash, port, adminPort, tokenFile);
        } catch (IOException e) {
            releaseHost(ip);
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void startContainer(ProxyPod pod, ConfigMap configMap, Secret secret) {
        String text = configMap == null || configMap.getData() == null ? null : configMap.getData().get(Names.CONFIG_KEY);
        if (text == null) {
            return; // ContainerCreating: the ConfigMap isn't there yet
        }
        refreshToken(pod, secret);
        try {
            ProxyConfig config = podConfig(pod, text);
            pod.server = new ProxyServer(config, buildInfo).start();
            pod.configText = text;
            pod.livenessFailures = 0;
        } catch (Exception e) {
            LOG.warn("pod {}: the proxy did not start: {}", pod.name, e.getMessage());
            pod.server = null;
        }
    }

    private ProxyConfig podConfig(ProxyPod pod, String text) throws Exception {
        LoadedConfig loaded = yaml.parse(text.replace(Names.TOKEN_FILE, pod.tokenFile.toString()), "ConfigMap of " + pod.name);
        if (!loaded.problems().isEmpty()) {
            LOG.warn("pod {}: config problems: {}", pod.name, loaded.problems());
        }
        return loaded.config().withListen(pod.ip + ":" + pod.port, pod.ip + ":" + pod.adminPort);
    }

    private void applyConfig(ProxyPod pod, ConfigMap configMap) {
        String text = configMap == null || configMap.getData() == null ? null : configMap.getData().get(Names.CONFIG_KEY);
        if (text == null || text.equals(pod.configText)) {
            return;
        }
        pod.configText = text; // like a file reload: one attempt per change
        try {
            ReloadResult result = pod.server.reloadFromFile(podConfig(pod, text));
            LOG.info("pod {}: ConfigMap changed, reload {} {}", pod.name, result.outcome(), result.messages());
        } catch (Exception e) {
            LOG.warn("pod {}: ConfigMap changed but does not load: {}", pod.name, e.getMessage());
        }
    }

    private void refreshToken(ProxyPod pod, Secret secret) {
        String token = token(secret);
        try {
            String current = Files.exists(pod.tokenFile) ? Files.readString(pod.tokenFile) : "";
            if (!token.equals(current)) {
                Files.writeString(pod.tokenFile, token, StandardCharsets.UTF_8);
                Files.setPosixFilePermissions(pod.tokenFile, PosixFilePermissions.fromString("rw-------"));
            }
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warn("pod {}: cannot write the token file: {}", pod.name, e.getMessage());
        }
    }

    private void probeLiveness(ProxyPod pod, ConfigMap configMap, Secret secret) {
        if (probe(pod.adminUrl() + "/health")) {
            pod.livenessFailures = 0;
            return;
        }
        if (++pod.livenessFailures < LIVENESS_FAILURES) {
            return;
        }
        LOG.info("pod {}: liveness failed {} times: restarting the container", pod.name, LIVENESS_FAILURES);
        stopContainer(pod);
        pod.restarts++;
        pod.ready = false;
        startContainer(pod, configMap, secret);
    }

    private boolean probe(String url) {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(1)).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void stopContainer(ProxyPod pod) {
        ProxyServer server = pod.server;
        pod.server = null;
        if (server != null) {
            try {
                server.close();
            } catch (RuntimeException e) {
                LOG.debug("pod {}: stop: {}", pod.name, e.getMessage());
            }
        }
    }

    private void deletePod(ProxyPod pod) {
        stopContainer(pod);
        try {
            client.pods().inNamespace(pod.namespace).withName(pod.name).delete();
        } catch (KubernetesClientException e) {
            LOG.debug("pod {}: delete: {}", pod.name, e.getMessage());
        }
        try {
            Files.deleteIfExists(pod.tokenFile);
        } catch (IOException e) {
            // a temp file; the work directory goes at exit anyway
        }
        releaseHost(pod.ip);
    }

    private void writePod(Deployment deployment, ProxyPod pod) {
        var template = deployment.getSpec().getTemplate();
        Map<String, String> labels = new LinkedHashMap<>(template.getMetadata().getLabels() == null ? Map.of() : template.getMetadata().getLabels());
        labels.put(TEMPLATE_HASH_LABEL, pod.templateHash.substring(0, 10));
        Pod object = new PodBuilder()
                .withNewMetadata()
                    .withName(pod.name).withNamespace(pod.namespace).withLabels(labels)
                    .withAnnotations(template.getMetadata().getAnnotations())
                    .withOwnerReferences(owner(deployment))
                .endMetadata()
                .withSpec(template.getSpec())
                .build();
        object.getSpec().setNodeName("sandbox-node");
        object.setStatus(podStatus(pod));
        if (pod.uid == null) {
            Pod created = client.pods().inNamespace(pod.namespace).resource(object).create();
            pod.uid = created.getMetadata().getUid();
        }
        object.setStatus(podStatus(pod));
        client.pods().inNamespace(pod.namespace).resource(object).updateStatus();
        pod.restartsWritten = object.getStatus().getContainerStatuses().get(0).getRestartCount();
    }

    private PodStatus podStatus(ProxyPod pod) {
        String now = Instant.now().toString();
        String ready = pod.ready ? "True" : "False";
        List<PodCondition> conditions = List.of(
                new PodConditionBuilder().withType("PodScheduled").withStatus("True").withLastTransitionTime(now).build(),
                new PodConditionBuilder().withType("Initialized").withStatus("True").withLastTransitionTime(now).build(),
                new PodConditionBuilder().withType("ContainersReady").withStatus(ready).withLastTransitionTime(now).build(),
                new PodConditionBuilder().withType("Ready").withStatus(ready).withLastTransitionTime(now).build());
        return new PodStatusBuilder()
                .withPhase(pod.server != null ? "Running" : "Pending")
                .withHostIP("127.0.0.1")
                .withPodIP(pod.ip)
                .addNewPodIP().withIp(pod.ip).endPodIP()
                .withConditions(conditions)
                .addNewContainerStatus()
                    .withName(Names.CONTAINER).withReady(pod.ready).withStarted(pod.server != null)
                    .withRestartCount(pod.restarts).withImage("in-process").withImageID("in-process")
                .endContainerStatus()
                .withStartTime(now)
                .build();
    }

    private void writeDeploymentStatus(Deployment deployment, List<ProxyPod> pods, String hash) {
        int ready = (int) pods.stream().filter(p -> p.ready).count();
        int updated = (int) pods.stream().filter(p -> p.templateHash.equals(hash)).count();
        DeploymentStatus status = new DeploymentStatusBuilder()
                .withObservedGeneration(deployment.getMetadata().getGeneration())
                .withReplicas(pods.size())
                .withReadyReplicas(ready)
                .withUpdatedReplicas(updated)
                .withAvailableReplicas(ready)
                .withUnavailableReplicas(pods.size() - ready)
                .addNewCondition().withType("Available").withStatus(ready >= Math.max(1, pods.size()) ? "True" : "False")
                    .withReason(ready >= Math.max(1, pods.size()) ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable").endCondition()
                .build();
        DeploymentStatus current = deployment.getStatus();
        if (current != null && sameCounts(current, status)) {
            return;
        }
        Deployment copy = Serialization.clone(deployment);
        copy.getMetadata().setResourceVersion(null);
        copy.setStatus(status);
        client.apps().deployments().inNamespace(deployment.getMetadata().getNamespace()).resource(copy).updateStatus();
    }

    private static boolean sameCounts(DeploymentStatus a, DeploymentStatus b) {
        return java.util.Objects.equals(a.getObservedGeneration(), b.getObservedGeneration())
                && java.util.Objects.equals(a.getReplicas(), b.getReplicas())
                && java.util.Objects.equals(a.getReadyReplicas(), b.getReadyReplicas())
                && java.util.Objects.equals(a.getUpdatedReplicas(), b.getUpdatedReplicas())
                && java.util.Objects.equals(a.getAvailableReplicas(), b.getAvailableReplicas());
    }

    // ---- garbage collection --------------------------------------------------------------------

    /**
     * Deletes objects whose every owner (a BalanceProxy or a Deployment) is gone. The owners are
     * listed after the objects, so an owner created meanwhile is never missed.
     */
    private void collectGarbage() {
        List<HasMetadata> owned = new ArrayList<>();
        List<Supplier<List<? extends HasMetadata>>> kinds = List.of(
                () -> client.apps().deployments().inAnyNamespace().list().getItems(),
                () -> client.services().inAnyNamespace().list().getItems(),
                () -> client.configMaps().inAnyNamespace().list().getItems(),
                () -> client.secrets().inAnyNamespace().list().getItems(),
                () -> client.pods().inAnyNamespace().list().getItems(),
                () -> client.network().v1().networkPolicies().inAnyNamespace().list().getItems(),
                () -> client.policy().v1().podDisruptionBudget().inAnyNamespace().list().getItems(),
                () -> client.autoscaling().v2().horizontalPodAutoscalers().inAnyNamespace().list().getItems());
        for (Supplier<List<? extends HasMetadata>> kind : kinds) {
            for (HasMetadata object : kind.get()) {
                List<OwnerReference> owners = object.getMetadata().getOwnerReferences();
                if (owners != null && !owners.isEmpty()) {
                    owned.add(object);
                }
            }
        }
        Set<String> live = uids(client.genericKubernetesResources(BALANCE_PROXIES).inAnyNamespace().list().getItems());
        live.addAll(uids(client.apps().deployments().inAnyNamespace().list().getItems()));
        for (HasMetadata object : owned) {
            boolean orphan = object.getMetadata().getOwnerReferences().stream()
                    .allMatch(o -> ("BalanceProxy".equals(o.getKind()) || "Deployment".equals(o.getKind())) && !live.contains(o.getUid()));
            if (orphan) {
                LOG.info("garbage collector: deleting {} {}/{} (its owner is gone)", object.getKind(),
                        object.getMetadata().getNamespace(), object.getMetadata().getName());
                client.resource(object).delete();
            }
        }
    }

    // ---- helpers ------------------------------------------------------------------------------

    private ConfigMap configMap(Deployment deployment) {
        String name = volumeSource(deployment, true);
        return name == null ? null : client.configMaps().inNamespace(deployment.getMetadata().getNamespace()).withName(name).get();
    }

    private Secret secret(Deployment deployment) {
        String name = volumeSource(deployment, false);
        return name == null ? null : client.secrets().inNamespace(deployment.getMetadata().getNamespace()).withName(name).get();
    }

    private static String volumeSource(Deployment deployment, boolean configMap) {
        List<Volume> volumes = deployment.getSpec().getTemplate().getSpec().getVolumes();
        if (volumes == null) {
            return null;
        }
        for (Volume volume : volumes) {
            if (configMap && "config".equals(volume.getName()) && volume.getConfigMap() != null) {
                return volume.getConfigMap().getName();
            }
            if (!configMap && "admin-token".equals(volume.getName()) && volume.getSecret() != null) {
                return volume.getSecret().getSecretName();
            }
        }
        return null;
    }

    private static String token(Secret secret) {
        if (secret == null || secret.getData() == null || secret.getData().get(Names.TOKEN_KEY) == null) {
            return "";
        }
        return new String(Base64.getDecoder().decode(secret.getData().get(Names.TOKEN_KEY)), StandardCharsets.UTF_8);
    }

    private static Container container(Deployment deployment) {
        List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
        return containers == null || containers.isEmpty() ? null : containers.get(0);
    }

    private static int port(Container container, String name, int fallback) {
        if (container.getPorts() == null) {
            return fallback;
        }
        return container.getPorts().stream().filter(p -> name.equals(p.getName())).map(ContainerPort::getContainerPort)
                .findFirst().orElse(fallback);
    }

    private static OwnerReference owner(Deployment deployment) {
        return new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("Deployment")
                .withName(deployment.getMetadata().getName()).withUid(deployment.getMetadata().getUid())
                .withController(true).withBlockOwnerDeletion(true).build();
    }

    private static boolean ownedByKind(HasMetadata object, String kind) {
        List<OwnerReference> owners = object.getMetadata().getOwnerReferences();
        return owners != null && owners.stream().anyMatch(o -> kind.equals(o.getKind()));
    }

    static String templateHash(Deployment deployment) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(Serialization.asJson(deployment.getSpec().getTemplate()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> uids(List<? extends HasMetadata> objects) {
        Set<String> uids = new HashSet<>();
        objects.forEach(o -> uids.add(o.getMetadata().getUid()));
        return uids;
    }

    private static String key(Deployment deployment) {
        return deployment.getMetadata().getNamespace() + "/" + deployment.getMetadata().getName();
    }

    private static String suffix() {
        String alphabet = "bcdfghjklmnpqrstvwxz2456789";
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            out.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
        }
        return out.toString();
    }

    /** The next free pod address whose ports nothing else on this machine holds (another sandbox, say). */
    private synchronized String allocateHost(int port, int adminPort) {
        for (int host = usedHosts.nextClearBit(FIRST_POD_HOST); host <= LAST_POD_HOST; host = usedHosts.nextClearBit(host + 1)) {
            String ip = "127.0.0." + host;
            if (bindable(ip, port) && bindable(ip, adminPort)) {
                usedHosts.set(host);
                return ip;
            }
        }
        return null;
    }

    private static boolean bindable(String ip, int port) {
        try (java.net.ServerSocket socket = new java.net.ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new java.net.InetSocketAddress(ip, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private synchronized void releaseHost(String ip) {
        usedHosts.clear(Integer.parseInt(ip.substring(ip.lastIndexOf('.') + 1)));
    }

    @Override
    public void close() {
        closed = true;
        loop.shutdown();
        try {
            loop.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            podsByDeployment.values().forEach(pods -> pods.forEach(this::stopContainer));
            podsByDeployment.clear();
        }
    }
}
