package io.balance.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.model.annotation.LabelSelector;
import io.fabric8.kubernetes.model.annotation.StatusReplicas;
import java.util.List;
import java.util.Optional;

/** Written by the operator only, in one place ({@code io.balance.operator.status}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BalanceProxyStatus(
        Long observedGeneration,
        @StatusReplicas Integer replicas,
        Integer readyReplicas,
        Integer programmedReplicas,
        @LabelSelector String selector,
        EndpointsStatus endpoints,
        List<Condition> conditions) {

    public Optional<Condition> condition(String type) {
        return conditions == null ? Optional.empty() : conditions.stream().filter(c -> type.equals(c.type())).findFirst();
    }
}
