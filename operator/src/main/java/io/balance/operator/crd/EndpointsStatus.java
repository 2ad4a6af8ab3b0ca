package io.balance.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The backend set the proxies were last given: how many endpoints, and its version. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EndpointsStatus(Integer count, Long version) {
}
