package io.balance.operator.model;

import io.balance.operator.crd.BalanceProxy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A prometheus-operator ServiceMonitor (monitoring.coreos.com/v1) scraping the admin Service.
 * The BalanceProxy's name reaches Prometheus as a target label taken from the Service's
 * {@code app.kubernetes.io/instance} label, never as an in-app metric label.
 */
public final class ServiceMonitorModel {
    public static final String GROUP = "monitoring.coreos.com";
    public static final String VERSION = "v1";
    public static final String KIND = "ServiceMonitor";
    public static final String PLURAL = "servicemonitors";

    private ServiceMonitorModel() {
    }

    public static ServiceMonitor build(BalanceProxy proxy) {
        Map<String, Object> endpoint = new LinkedHashMap<>();
        endpoint.put("port", Names.METRICS_PORT_NAME);
        endpoint.put("path", "/metrics");
        String interval = proxy.getSpec().monitoring() == null ? null : proxy.getSpec().monitoring().interval();
        if (interval != null) {
            endpoint.put("interval", interval);
        }
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("selector", Map.of("matchLabels", adminServiceSelector(proxy)));
        spec.put("endpoints", List.of(endpoint));
        spec.put("targetLabels", List.of(Labels.INSTANCE));
        ServiceMonitor monitor = new ServiceMonitor();
        monitor.setApiVersion(GROUP + "/" + VERSION);
        monitor.setKind(KIND);
        monitor.setMetadata(Owned.meta(proxy, Names.serviceMonitor(proxy)));
        monitor.setAdditionalProperty("spec", spec);
        return monitor;
    }

    private static Map<String, String> adminServiceSelector(BalanceProxy proxy) {
        Map<String, String> selector = new LinkedHashMap<>(Labels.selector(proxy));
        selector.put(Labels.COMPONENT, AdminServiceModel.COMPONENT);
        return selector;
    }
}
