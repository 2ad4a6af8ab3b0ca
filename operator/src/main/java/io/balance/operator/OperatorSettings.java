package io.balance.operator;

import io.balance.operator.model.Defaults;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How this operator runs, from the environment:
 * {@code WATCH_NAMESPACES} (comma-separated; empty or unset: all namespaces),
 * {@code BALANCE_PROXY_IMAGE} (default {@code balance/proxy:<operator version>}),
 * {@code LEADER_ELECTION} ({@code true} by default), {@code POD_NAMESPACE} (where the Lease
 * lives), {@code HEALTH_PORT} (default 8081).
 */
public record OperatorSettings(Set<String> watchNamespaces, String defaultImage, boolean leaderElection,
        String leaseNamespace, int healthPort) {
    public static final String LEASE_NAME = "balance-operator";

    public OperatorSettings {
        watchNamespaces = Set.copyOf(watchNamespaces);
    }

    public static OperatorSettings fromEnvironment(Map<String, String> env) {
        return new OperatorSettings(
                namespaces(env.get("WATCH_NAMESPACES")),
                blankToNull(env.get("BALANCE_PROXY_IMAGE")) != null ? env.get("BALANCE_PROXY_IMAGE").trim()
                        : Defaults.imageFor(version()),
                !"false".equalsIgnoreCase(env.getOrDefault("LEADER_ELECTION", "true").trim()),
                blankToNull(env.get("POD_NAMESPACE")),
                Integer.parseInt(env.getOrDefault("HEALTH_PORT", "8081").trim()));
    }

    public boolean watchesAllNamespaces() {
        return watchNamespaces.isEmpty();
    }

    static Set<String> namespaces(String value) {
        if (value == null) {
            return Set.of();
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }

    /** The operator's version, from the build (the proxy image with the same tag is the default). */
    public static String version() {
        Properties properties = new Properties();
        try (InputStream in = OperatorSettings.class.getResourceAsStream("/balance-operator.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // fall through to "latest"
        }
        String version = properties.getProperty("version");
        return version == null || version.startsWith("$") ? "latest" : version;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
