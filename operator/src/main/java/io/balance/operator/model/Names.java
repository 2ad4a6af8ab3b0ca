package io.balance.operator.model;

import io.balance.operator.crd.BalanceProxy;

/** The names of everything the operator owns for one BalanceProxy, and where files are mounted in the pod. */
public final class Names {
    public static final String CONTAINER = "proxy";
    public static final String TRAFFIC_PORT_NAME = "proxy";
    public static final String ADMIN_PORT_NAME = "admin";
    public static final String METRICS_PORT_NAME = "metrics";

    public static final String CONFIG_DIR = "/etc/balance";
    public static final String CONFIG_KEY = "config.yaml";
    public static final String CONFIG_FILE = CONFIG_DIR + "/" + CONFIG_KEY;
    public static final String BOOTSTRAP_KEY = "bootstrap-backends.json";
    public static final String TOKEN_DIR = "/var/run/balance/admin";
    public static final String TOKEN_KEY = "token";
    public static final String TOKEN_FILE = TOKEN_DIR + "/" + TOKEN_KEY;
    public static final String TLS_DIR = "/var/run/balance/tls";

    private Names() {
    }

    public static String deployment(BalanceProxy proxy) {
        return proxy.getMetadata().getName();
    }

    public static String service(BalanceProxy proxy) {
        return proxy.getMetadata().getName();
    }

    public static String adminService(BalanceProxy proxy) {
        return proxy.getMetadata().getName() + "-admin";
    }

    public static String configMap(BalanceProxy proxy) {
        return proxy.getMetadata().getName() + "-config";
    }

    public static String adminTokenSecret(BalanceProxy proxy) {
        return proxy.getMetadata().getName() + "-admin-token";
    }

    public static String hpa(BalanceProxy proxy) {
        return proxy.getMetadata().getName();
    }

    public static String pdb(BalanceProxy proxy) {
        return proxy.getMetadata().getName();
    }

    public static String networkPolicy(BalanceProxy proxy) {
        return proxy.getMetadata().getName() + "-admin";
    }

    public static String serviceMonitor(BalanceProxy proxy) {
        return proxy.getMetadata().getName();
    }
}
