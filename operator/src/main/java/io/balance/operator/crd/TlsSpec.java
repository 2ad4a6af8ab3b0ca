package io.balance.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Client-side TLS termination from a {@code kubernetes.io/tls} Secret. Not supported yet: the operator rejects it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TlsSpec(
        @JsonPropertyDescription("A kubernetes.io/tls Secret in the CR's namespace (TLS termination is not supported yet).")
        String secretName) {
}
