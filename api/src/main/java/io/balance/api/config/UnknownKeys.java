package io.balance.api.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** Says which key was not understood and which known one was probably meant. */
final class UnknownKeys {
    private UnknownKeys() {
    }

    static String message(String key, Collection<Object> known) {
        if (YamlAliases.MERGE_KEY.equals(key)) {
            return "YAML merge keys are not supported; write the keys out";
        }
        List<String> names = known == null ? List.of() : known.stream().map(Object::toString).sorted().toList();
        String closest = names.stream()
                .min(Comparator.comparingInt(name -> distance(key, name)))
                .filter(name -> distance(key, name) <= Math.max(2, key.length() / 3))
                .orElseGet(() -> onlyNameWithPart(key, names));
        StringBuilder out = new StringBuilder("unknown key \"").append(key).append('"');
        if (closest != null) {
            out.append("; did you mean \"").append(closest).append("\"?");
        } else if (!names.isEmpty()) {
            out.append("; valid keys here: ").append(String.join(", ", names));
        }
        return out.toString();
    }

    /** The one known name that has {@code key} as a whole part ("websocket" in "enable_websocket"), or null. */
    private static String onlyNameWithPart(String key, List<String> names) {
        List<String> matches = names.stream()
                .filter(name -> name.startsWith(key + "_") || name.endsWith("_" + key) || name.contains("_" + key + "_"))
                .toList();
        return matches.size() == 1 ? matches.get(0) : null;
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] swap = prev;
            prev = cur;
            cur = swap;
        }
        return prev[b.length()];
    }
}
