package io.balance.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import java.util.List;

/** A NetworkPolicy that keeps the admin port to the operator (and the peers listed here). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NetworkPolicySpec(
        @JsonPropertyDescription("Create the NetworkPolicy (default true).")
        Boolean enabled,
        @JsonPropertyDescription("Extra peers allowed to reach the admin port, e.g. Prometheus.")
        List<NetworkPolicyPeer> adminFrom) {
}
