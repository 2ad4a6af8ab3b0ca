package io.balance.operator.crd;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The allowed values of string fields, as schema sources ({@code @SchemaFrom}) for the CRD's
 * {@code enum} lists. The spec keeps plain strings so that a value the schema would reject
 * (on an API server without validation) still reads, and the validator can name it.
 */
public final class Enums {
    private Enums() {
    }

    public enum Mode {
        @JsonProperty("tcp") TCP,
        @JsonProperty("http") HTTP
    }

    public enum Algorithm {
        @JsonProperty("round-robin") ROUND_ROBIN,
        @JsonProperty("weighted-round-robin") WEIGHTED_ROUND_ROBIN,
        @JsonProperty("least-connections") LEAST_CONNECTIONS,
        @JsonProperty("weighted-least-connections") WEIGHTED_LEAST_CONNECTIONS,
        @JsonProperty("random") RANDOM,
        @JsonProperty("consistent-hash") CONSISTENT_HASH,
        @JsonProperty("bounded-consistent-hash") BOUNDED_CONSISTENT_HASH,
        @JsonProperty("ip-hash") IP_HASH
    }

    public enum HealthCheckType {
        @JsonProperty("tcp") TCP,
        @JsonProperty("http") HTTP,
        @JsonProperty("https") HTTPS
    }

    public enum ServiceType {
        ClusterIP,
        NodePort,
        LoadBalancer
    }
}
