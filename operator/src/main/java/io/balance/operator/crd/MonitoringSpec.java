package io.balance.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;

/** Prometheus scraping through the prometheus-operator. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MonitoringSpec(
        @JsonPropertyDescription("Create a ServiceMonitor for the admin Service (needs the monitoring.coreos.com CRDs).")
        Boolean serviceMonitor,
        @JsonPropertyDescription("Scrape interval (default: Prometheus' own).")
        @Pattern("^[0-9]+(ms|s|m|h)$")
        String interval) {
}
