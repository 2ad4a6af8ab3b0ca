package io.balance.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.util.List;

/** Where the proxies send traffic: the endpoints of a Service in the same namespace, or fixed addresses. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.serviceName) != has(self.addresses)",
        message = "set either serviceName (with port) or addresses, not both")
@ValidationRule(value = "!has(self.serviceName) || has(self.port)", message = "port is required with serviceName")
public record BackendSpec(
        @JsonPropertyDescription("A Service in the CR's namespace whose ready endpoints become the backends.")
        @Pattern(Patterns.SERVICE_NAME)
        String serviceName,
        @JsonPropertyDescription("The Service port, by number or by name.")
        IntOrString port,
        @JsonPropertyDescription("Static backends as host:port, [IPv6]:port or IP:port, instead of a Service.")
        List<String> addresses) {
}
