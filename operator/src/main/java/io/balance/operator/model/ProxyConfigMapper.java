package io.balance.operator.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.balance.api.config.ConfigFileException;
import io.balance.api.config.ConfigLoader;
import io.balance.api.config.LoadedConfig;
import io.balance.operator.crd.BalanceProxySpec;
import java.util.List;

/**
 * Maps a spec onto the proxy config model. The proxy-behaviour sections are spelled in the file
 * format (camelCase to snake_case, the same names) and read by the api's own loader, so the
 * CR and the file share one model, one duration syntax and one set of mapping errors. The keys
 * only the operator decides (listen ports, admin token file, dynamic backends, epoll) are added
 * here. Pure: no I/O.
 */
public final class ProxyConfigMapper {
    static final String TRANSPORT = "epoll"; // container seccomp profiles usually block io_uring
    private static final ObjectMapper SNAKE = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .build();

    private final ConfigLoader loader = ConfigLoader.json();

    public LoadedConfig map(BalanceProxySpec spec) {
        try {
            return loader.map(tree(spec));
        } catch (ConfigFileException e) {
            throw new IllegalStateException("spec did not map onto the config model: " + e.getMessage(), e);
        }
    }

    /** The spec in the file's spelling, before the loader reads it. */
    ObjectNode tree(BalanceProxySpec spec) {
        ObjectNode root = SNAKE.createObjectNode();
        root.put("mode", Defaults.mode(spec));
        root.put("listen", ":" + Defaults.port(spec));
        root.put("dynamic_backends", true);
        ArrayNode backends = root.putArray("backends");
        for (String address : staticAddresses(spec)) {
            backends.addObject().put("address", address);
        }
        putSection(root, "load_balancer", spec.loadBalancer());
        putSection(root, "health_check", spec.healthCheck());
        if (spec.healthCheck() != null && spec.healthCheck().enabled() == null) {
            // In the CR a healthCheck section means "check"; the file format's default is off.
            ((ObjectNode) root.get("health_check")).put("enabled", true);
        }
        putSection(root, "resilience", spec.resilience());
        putSection(root, "timeouts", spec.timeouts());
        putSection(root, "http", spec.http());
        if (spec.tls() != null && spec.tls().secretName() != null) {
            root.putObject("tls").put("enabled", true)
                    .put("cert_file", Names.TLS_DIR + "/tls.crt")
                    .put("key_file", Names.TLS_DIR + "/tls.key");
        }
        root.putObject("admin").put("listen", ":" + Defaults.adminPort(spec)).put("token_file", Names.TOKEN_FILE);
        root.putObject("transport").put("type", TRANSPORT);
        return root;
    }

    static List<String> staticAddresses(BalanceProxySpec spec) {
        if (spec.backend() == null || spec.backend().addresses() == null) {
            return List.of();
        }
        return spec.backend().addresses();
    }

    private static void putSection(ObjectNode root, String key, Object section) {
        if (section != null) {
            root.set(key, SNAKE.valueToTree(section));
        }
    }
}
