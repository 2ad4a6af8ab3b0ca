package io.balance.operator.validation;

import io.balance.api.validation.FieldPath;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps a path in the proxy config model back to the spec field the user wrote. Most sections
 * share their names; the keys the operator derives from Kubernetes-only fields are translated.
 */
final class SpecPaths {
    private SpecPaths() {
    }

    static FieldPath toSpec(FieldPath configPath) {
        List<Object> s = configPath.segments();
        if (s.isEmpty()) {
            return configPath;
        }
        Object head = s.get(0);
        if ("listen".equals(head)) {
            return FieldPath.of("port");
        }
        if ("admin".equals(head)) {
            return FieldPath.of("adminPort");
        }
        if ("tls".equals(head)) {
            return FieldPath.of("tls", "secretName");
        }
        if ("dynamicBackends".equals(head)) {
            return FieldPath.of("backend");
        }
        if ("backends".equals(head)) {
            List<Object> out = new ArrayList<>(List.of("backend", "addresses"));
            if (s.size() > 1) {
                out.add(s.get(1)); // backends[i].address is addresses[i]: the entry is the address
            }
            return new FieldPath(out);
        }
        return configPath;
    }
}
