package io.balance.operator.model;

import io.balance.operator.crd.BalanceProxySpec;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The pod-template annotation that restarts pods. Only restart-class inputs feed it: mode,
 * ports, the TLS Secret, the image and the resources. Everything else (backends, timeouts,
 * algorithms...) reaches running pods hot.
 */
public final class RestartHash {
    public static final String ANNOTATION = "balance.io/restart-hash";

    private RestartHash() {
    }

    public static String of(BalanceProxySpec spec, String image, ResourceRequirements resources) {
        Map<String, String> inputs = new TreeMap<>();
        inputs.put("mode", Defaults.mode(spec));
        inputs.put("port", String.valueOf(Defaults.port(spec)));
        inputs.put("adminPort", String.valueOf(Defaults.adminPort(spec)));
        inputs.put("tlsSecret", spec.tls() == null ? "" : String.valueOf(spec.tls().secretName()));
        inputs.put("image", image);
        inputs.put("resources", canonical(resources));
        return sha256(inputs.toString()).substring(0, 16);
    }

    private static String canonical(ResourceRequirements resources) {
        if (resources == null) {
            return "";
        }
        return "limits=" + new TreeMap<>(resources.getLimits() == null ? Map.of() : resources.getLimits())
                + ";requests=" + new TreeMap<>(resources.getRequests() == null ? Map.of() : resources.getRequests());
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
