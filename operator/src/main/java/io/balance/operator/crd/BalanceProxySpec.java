package io.balance.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.model.annotation.SpecReplicas;
import java.util.List;
import java.util.Map;

/**
 * What the user asks for. Every field is optional unless marked, and an absent field means
 * "the default", decided when the operator maps the spec (see {@code io.balance.operator.model.Defaults}),
 * never written back here. The proxy-behaviour sections ({@code loadBalancer}, {@code healthCheck},
 * {@code resilience}, {@code timeouts}, {@code http}) use the proxy config model's names in
 * camelCase, so {@code spec.loadBalancer.algorithm} is {@code load_balancer.algorithm} in the file.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BalanceProxySpec(
        @JsonPropertyDescription("tcp or http (default http). Changing it restarts the pods and needs the annotation balance.io/allow-mode-change: \"true\".")
        @SchemaFrom(type = Enums.Mode.class)
        String mode,
        @JsonPropertyDescription("Number of proxy pods (default 2). Ignored while autoscaling is set: the HPA owns the count.")
        @SpecReplicas @Min(0)
        Integer replicas,
        @JsonPropertyDescription("Proxy image (default: the balance/proxy image matching the operator's version).")
        String image,
        @JsonPropertyDescription("Where traffic goes: a Service (serviceName + port) or static addresses.")
        @Required
        BackendSpec backend,
        LoadBalancerSpec loadBalancer,
        HealthCheckSpec healthCheck,
        ResilienceSpec resilience,
        TimeoutsSpec timeouts,
        TlsSpec tls,
        HttpSpec http,
        ServiceSpec service,
        AutoscalingSpec autoscaling,
        PodDisruptionBudgetSpec podDisruptionBudget,
        MonitoringSpec monitoring,
        @JsonPropertyDescription("Proxy container resources (default requests: cpu 100m, memory 128Mi).")
        ResourceRequirements resources,
        Map<String, String> nodeSelector,
        List<Toleration> tolerations,
        Affinity affinity,
        @JsonPropertyDescription("Pod spreading (default: at most one pod of skew per node, best effort).")
        List<TopologySpreadConstraint> topologySpreadConstraints,
        @JsonPropertyDescription("The proxy's admin API port (default 9090): health, readiness, metrics, backend pushes.")
        @Min(1) @Max(65535)
        Integer adminPort,
        @JsonPropertyDescription("The proxy's traffic port in the pod (default 8080).")
        @Min(1) @Max(65535)
        Integer port,
        NetworkPolicySpec networkPolicy) {
}
