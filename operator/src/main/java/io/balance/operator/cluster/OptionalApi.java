package io.balance.operator.cluster;

/** The APIs a cluster may or may not serve, and the feature that needs each. */
public enum OptionalApi {
    AUTOSCALING_V2("autoscaling/v2", "HorizontalPodAutoscaler", "spec.autoscaling"),
    POLICY_V1("policy/v1", "PodDisruptionBudget", "spec.podDisruptionBudget"),
    DISCOVERY_V1("discovery.k8s.io/v1", "EndpointSlice", "endpoint sync of spec.backend.serviceName"),
    MONITORING_V1("monitoring.coreos.com/v1", "ServiceMonitor", "spec.monitoring.serviceMonitor"),
    NETWORKING_V1("networking.k8s.io/v1", "NetworkPolicy", "spec.networkPolicy");

    private final String apiVersion;
    private final String kind;
    private final String feature;

    OptionalApi(String apiVersion, String kind, String feature) {
        this.apiVersion = apiVersion;
        this.kind = kind;
        this.feature = feature;
    }

    public String apiVersion() {
        return apiVersion;
    }

    public String kind() {
        return kind;
    }

    /** The spec field that needs this API, for messages. */
    public String feature() {
        return feature;
    }

    public String describe() {
        return apiVersion + " " + kind;
    }
}
