package io.balance.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import java.util.Map;

/** The Service in front of the proxies. It exposes the traffic port only, never the admin port. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServiceSpec(
        @JsonPropertyDescription("ClusterIP (default), NodePort or LoadBalancer.")
        @SchemaFrom(type = Enums.ServiceType.class)
        String type,
        @JsonPropertyDescription("The Service port (default 80 in http mode, the proxy port in tcp mode).")
        @Min(1) @Max(65535)
        Integer port,
        Map<String, String> annotations) {
}
