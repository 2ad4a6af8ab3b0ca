package io.balance.operator.model;

import io.balance.api.config.ConfigLoader;
import io.balance.api.config.ProxyConfig;
import io.balance.operator.crd.BalanceProxy;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The proxy's config file, rendered in the Balance file format, plus the bootstrap endpoint
 * set. The bootstrap set is also the file's {@code backends:} list: with {@code dynamic_backends:
 * true} the proxy serves the listed backends until a {@code PUT /backends} supersedes them (a
 * file reload never replaces a pushed set), so a pod that starts while the operator is down
 * still serves the last known endpoints. Changes to it are hot (the proxy reloads the mounted
 * file); it never restarts pods (the restart hash reads none of it).
 */
public final class ConfigMapModel {
    private static final ConfigLoader YAML = ConfigLoader.yaml();

    private ConfigMapModel() {
    }

    public static ConfigMap build(BalanceProxy proxy, ProxyConfig config, BootstrapBackends bootstrap) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put(Names.CONFIG_KEY, render(proxy, config.withBackends(bootstrap.asConfig())));
        data.put(Names.BOOTSTRAP_KEY, bootstrap.toJson());
        return new ConfigMapBuilder()
                .withMetadata(Owned.meta(proxy, Names.configMap(proxy)))
                .withData(data)
                .build();
    }

    static String render(BalanceProxy proxy, ProxyConfig config) {
        return "# Rendered by balance-operator from BalanceProxy " + proxy.getMetadata().getNamespace() + "/"
                + proxy.getMetadata().getName() + "; edit the BalanceProxy, not this file.\n" + YAML.write(config);
    }
}
