package io.balance.operator.model;

import io.balance.operator.crd.BalanceProxySpec;
import io.balance.operator.crd.ServiceSpec;
import java.util.Optional;

/**
 * What an absent spec field means. Applied when objects are built, never written back into
 * the user's spec (a GitOps tool would show the written defaults as drift forever).
 */
public final class Defaults {
    public static final String IMAGE_REPOSITORY = "balance/proxy";
    public static final int REPLICAS = 2;
    public static final int PORT = 8080;
    public static final int ADMIN_PORT = 9090;
    public static final int HTTP_SERVICE_PORT = 80;
    public static final String SERVICE_TYPE = "ClusterIP";
    public static final String MODE = "http";
    public static final int MIN_REPLICAS = 1;
    public static final int TARGET_CPU_PERCENT = 80;
    public static final String CPU_REQUEST = "100m";
    public static final String MEMORY_REQUEST = "128Mi";

    private Defaults() {
    }

    public static String mode(BalanceProxySpec spec) {
        return spec.mode() == null ? MODE : spec.mode();
    }

    public static int port(BalanceProxySpec spec) {
        return spec.port() == null ? PORT : spec.port();
    }

    public static int adminPort(BalanceProxySpec spec) {
        return spec.adminPort() == null ? ADMIN_PORT : spec.adminPort();
    }

    public static int replicas(BalanceProxySpec spec) {
        return spec.replicas() == null ? REPLICAS : spec.replicas();
    }

    public static String image(BalanceProxySpec spec, String defaultImage) {
        return spec.image() == null || spec.image().isBlank() ? defaultImage : spec.image();
    }

    public static String serviceType(BalanceProxySpec spec) {
        return Optional.ofNullable(spec.service()).map(ServiceSpec::type).orElse(SERVICE_TYPE);
    }

    /** 80 for HTTP, the proxy's own port for TCP (a TCP service rarely lives on 80). */
    public static int servicePort(BalanceProxySpec spec) {
        Integer port = spec.service() == null ? null : spec.service().port();
        if (port != null) {
            return port;
        }
        return "tcp".equals(mode(spec)) ? port(spec) : HTTP_SERVICE_PORT;
    }

    public static boolean networkPolicyEnabled(BalanceProxySpec spec) {
        return spec.networkPolicy() == null || !Boolean.FALSE.equals(spec.networkPolicy().enabled());
    }

    public static boolean serviceMonitorRequested(BalanceProxySpec spec) {
        return spec.monitoring() != null && Boolean.TRUE.equals(spec.monitoring().serviceMonitor());
    }

    /** The image that matches this operator build: {@code balance/proxy:<version>}. */
    public static String imageFor(String version) {
        return IMAGE_REPOSITORY + ":" + version;
    }
}
