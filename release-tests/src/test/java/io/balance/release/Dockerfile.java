package io.balance.release;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small Dockerfile reader: instructions with continuation lines joined and comments dropped,
 * grouped into stages. Enough to check the release images without a Docker engine.
 */
record Dockerfile(List<Stage> stages) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ENV_PAIR = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"(?:[^\"\\\\]|\\\\.)*\"|\\S*)");

    record Instruction(String keyword, String args) {
        /** The JSON array of an exec-form instruction, or empty for shell form. */
        Optional<List<String>> execForm() {
            String body = args;
            if (keyword.equals("HEALTHCHECK")) {
                int cmd = body.indexOf("CMD ");
                if (cmd < 0) {
                    return Optional.empty();
                }
                body = body.substring(cmd + 4).trim();
            }
            if (!body.startsWith("[")) {
                return Optional.empty();
            }
            try {
                return Optional.of(JSON.readValue(body, new TypeReference<List<String>>() { }));
            } catch (IOException e) {
                return Optional.empty();
            }
        }
    }

    record Stage(String from, String name, List<Instruction> instructions) {
        List<Instruction> all(String keyword) {
            return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
        }

        Optional<Instruction> last(String keyword) {
            List<Instruction> found = all(keyword);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(found.size() - 1));
        }

        /** ENV of this stage with ${ARG} references resolved against the ARG defaults. */
        Map<String, String> env() {
            return env(Map.of());
        }

        /** ENV of this stage as {@code docker build --build-arg NAME=value} for each build arg would set it. */
        Map<String, String> env(Map<String, String> buildArgs) {
            Map<String, String> args = new LinkedHashMap<>();
            for (Instruction arg : all("ARG")) {
                String[] kv = arg.args().split("=", 2);
                args.put(kv[0].trim(), kv.length > 1 ? unquote(kv[1].trim()) : "");
            }
            for (Map.Entry<String, String> override : buildArgs.entrySet()) {
                args.computeIfPresent(override.getKey(), (k, v) -> override.getValue());
            }
            Map<String, String> env = new LinkedHashMap<>();
            for (Instruction instruction : all("ENV")) {
                Matcher m = ENV_PAIR.matcher(instruction.args());
                while (m.find()) {
                    String value = unquote(m.group(2));
                    for (Map.Entry<String, String> a : args.entrySet()) {
                        value = value.replace("${" + a.getKey() + "}", a.getValue());
                    }
                    env.put(m.group(1), value);
                }
            }
            return env;
        }
    }

    static Dockerfile read(Path file) throws IOException {
        List<String> joined = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String raw : Files.readAllLines(file)) {
            String line = raw.strip();
            if (current.isEmpty() && (line.isEmpty() || line.startsWith("#"))) {
                continue;
            }
            if (line.startsWith("#")) {
                continue;
            }
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            current.append(line);
            joined.add(current.toString().trim());
            current.setLength(0);
        }
        List<Stage> stages = new ArrayList<>();
        for (String line : joined) {
            String[] parts = line.split("\\s+", 2);
            Instruction instruction = new Instruction(parts[0].toUpperCase(Locale.ROOT), parts.length > 1 ? parts[1].replaceAll("\\s+", " ") : "");
            if (instruction.keyword().equals("FROM")) {
                String[] from = instruction.args().split("\\s+");
                String name = from.length >= 3 && from[1].equalsIgnoreCase("AS") ? from[2] : null;
                stages.add(new Stage(from[0], name, new ArrayList<>()));
            } else if (stages.isEmpty()) {
                throw new IllegalStateException(file + ": " + instruction.keyword() + " before the first FROM");
            } else {
                stages.get(stages.size() - 1).instructions().add(instruction);
            }
        }
        return new Dockerfile(stages);
    }

    Stage runtime() {
        return stages.get(stages.size() - 1);
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
    }
}
