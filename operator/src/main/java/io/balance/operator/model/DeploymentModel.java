package io.balance.operator.model;

import io.balance.operator.crd.BalanceProxy;
import io.balance.operator.crd.BalanceProxySpec;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The proxy Deployment. {@code replicas} is an input: the spec's count, or, while an HPA owns
 * scaling, the live count copied from the running Deployment.
 */
public final class DeploymentModel {
    public static final String MODE_ANNOTATION = "balance.io/mode";
    static final long RUN_AS = 10001L;
    static final int PRE_STOP_SLEEP_SECONDS = 5;
    static final long TERMINATION_GRACE_SECONDS = 45L; // preStop 5s + drain delay 5s + grace 30s + slack

    private DeploymentModel() {
    }

    public static Deployment build(BalanceProxy proxy, String defaultImage, int replicas) {
        BalanceProxySpec spec = proxy.getSpec();
        String image = Defaults.image(spec, defaultImage);
        ResourceRequirements resources = resources(spec);
        Map<String, String> podAnnotations = new LinkedHashMap<>();
        podAnnotations.put(RestartHash.ANNOTATION, RestartHash.of(spec, image, resources));
        var deployment = new DeploymentBuilder()
                .withMetadata(Owned.meta(proxy, Names.deployment(proxy)))
                .editMetadata().addToAnnotations(MODE_ANNOTATION, Defaults.mode(spec)).endMetadata()
                .withNewSpec()
                    .withReplicas(replicas)
                    .withSelector(new LabelSelectorBuilder().withMatchLabels(Labels.selector(proxy)).build())
                    .withNewStrategy()
                        .withType("RollingUpdate")
                        .withNewRollingUpdate()
                            .withMaxUnavailable(new IntOrString(0))
                            .withMaxSurge(new IntOrString(1))
                        .endRollingUpdate()
                    .endStrategy()
                    .withNewTemplate()
                        .withNewMetadata().withLabels(Labels.of(proxy)).withAnnotations(podAnnotations).endMetadata()
                        .withSpec(podSpec(proxy, image, resources).build())
                    .endTemplate()
                .endSpec()
                .build();
        return deployment;
    }

    private static PodSpecBuilder podSpec(BalanceProxy proxy, String image, ResourceRequirements resources) {
        BalanceProxySpec spec = proxy.getSpec();
        return new PodSpecBuilder()
                .withAutomountServiceAccountToken(false)
                .withEnableServiceLinks(false)
                .withTerminationGracePeriodSeconds(TERMINATION_GRACE_SECONDS)
                .withNewSecurityContext()
                    .withRunAsNonRoot(true)
                    .withRunAsUser(RUN_AS)
                    .withRunAsGroup(RUN_AS)
                    .withFsGroup(RUN_AS)
                    .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .endSecurityContext()
                .withContainers(new ContainerBuilder()
                        .withName(Names.CONTAINER)
                        .withImage(image)
                        .withArgs("run", "--config", Names.CONFIG_FILE)
                        .withPorts(
                                new ContainerPortBuilder().withName(Names.TRAFFIC_PORT_NAME)
                                        .withContainerPort(Defaults.port(spec)).withProtocol("TCP").build(),
                                new ContainerPortBuilder().withName(Names.ADMIN_PORT_NAME)
                                        .withContainerPort(Defaults.adminPort(spec)).withProtocol("TCP").build())
                        .withLivenessProbe(probe("/health", 3))
                        .withReadinessProbe(probe("/ready", 1))
                        .withNewLifecycle()
                            .withNewPreStop().withNewExec().withCommand("sleep", String.valueOf(PRE_STOP_SLEEP_SECONDS)).endExec().endPreStop()
                        .endLifecycle()
                        .withResources(resources)
                        .withNewSecurityContext()
                            .withAllowPrivilegeEscalation(false)
                            .withReadOnlyRootFilesystem(true)
                            .withNewCapabilities().withDrop("ALL").endCapabilities()
                        .endSecurityContext()
                        .withVolumeMounts(mounts(spec))
                        .build())
                .withVolumes(volumes(proxy))
                .withTopologySpreadConstraints(spread(proxy))
                .withNodeSelector(spec.nodeSelector())
                .withTolerations(spec.tolerations())
                .withAffinity(spec.affinity());
    }

    private static Probe probe(String path, int failureThreshold) {
        return new ProbeBuilder()
                .withNewHttpGet().withPath(path).withPort(new IntOrString(Names.ADMIN_PORT_NAME)).endHttpGet()
                .withPeriodSeconds(5)
                .withTimeoutSeconds(2)
                .withFailureThreshold(failureThreshold)
                .build();
    }

    static ResourceRequirements resources(BalanceProxySpec spec) {
        if (spec.resources() != null) {
            return spec.resources();
        }
        return new ResourceRequirementsBuilder()
                .addToRequests("cpu", new Quantity(Defaults.CPU_REQUEST))
                .addToRequests("memory", new Quantity(Defaults.MEMORY_REQUEST))
                .build();
    }

    private static List<VolumeMount> mounts(BalanceProxySpec spec) {
        List<VolumeMount> mounts = new ArrayList<>();
        mounts.add(new VolumeMountBuilder().withName("config").withMountPath(Names.CONFIG_DIR).withReadOnly(true).build());
        mounts.add(new VolumeMountBuilder().withName("admin-token").withMountPath(Names.TOKEN_DIR).withReadOnly(true).build());
        mounts.add(new VolumeMountBuilder().withName("tmp").withMountPath("/tmp").build());
        if (tlsSecret(spec) != null) {
            mounts.add(new VolumeMountBuilder().withName("tls").withMountPath(Names.TLS_DIR).withReadOnly(true).build());
        }
        return mounts;
    }

    private static List<Volume> volumes(BalanceProxy proxy) {
        List<Volume> volumes = new ArrayList<>();
        volumes.add(new VolumeBuilder().withName("config")
                .withNewConfigMap().withName(Names.configMap(proxy)).endConfigMap().build()); // config.yaml + the bootstrap set
        volumes.add(new VolumeBuilder().withName("admin-token")
                .withNewSecret().withSecretName(Names.adminTokenSecret(proxy)).withDefaultMode(0440).endSecret().build());
        // Netty unpacks its native transport into /tmp: the root file system is read-only
        volumes.add(new VolumeBuilder().withName("tmp").withNewEmptyDir().withSizeLimit(new Quantity("64Mi")).endEmptyDir().build());
        String tls = tlsSecret(proxy.getSpec());
        if (tls != null) {
            volumes.add(new VolumeBuilder().withName("tls").withNewSecret().withSecretName(tls).withDefaultMode(0440).endSecret().build());
        }
        return volumes;
    }

    private static String tlsSecret(BalanceProxySpec spec) {
        return spec.tls() == null ? null : spec.tls().secretName();
    }

    private static List<TopologySpreadConstraint> spread(BalanceProxy proxy) {
        if (proxy.getSpec().topologySpreadConstraints() != null) {
            return proxy.getSpec().topologySpreadConstraints();
        }
        return List.of(new TopologySpreadConstraintBuilder()
                .withMaxSkew(1)
                .withTopologyKey("kubernetes.io/hostname")
                .withWhenUnsatisfiable("ScheduleAnyway")
                .withNewLabelSelector().withMatchLabels(Labels.selector(proxy)).endLabelSelector()
                .build());
    }
}
