package io.balance.sandbox;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Runs the real kubectl binary; skips (or, under CI=true, fails) when it is not installed. */
final class Kubectl {
    record Result(int exitCode, String output) {
    }

    private Kubectl() {
    }

    static Path find() {
        List<Path> candidates = new ArrayList<>();
        candidates.add(Path.of("/usr/bin/kubectl"));
        String apiTestDir = System.getenv("KUBE_API_TEST_DIR"); // scripts/provision/20-kube-apiserver.sh puts one there
        if (apiTestDir != null) {
            try (var versions = Files.list(Path.of(apiTestDir, "k8s"))) {
                versions.map(v -> v.resolve("kubectl")).forEach(candidates::add);
            } catch (IOException e) {
                // no provisioned binaries
            }
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                candidates.add(Path.of(dir, "kubectl"));
            }
        }
        for (Path candidate : candidates) {
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        String message = "kubectl is not installed (looked in /usr/bin, $KUBE_API_TEST_DIR/k8s/*/ and on PATH): the kubectl discovery test needs it";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message);
        }
        Assumptions.abort(message);
        return null;
    }

    static Result run(Path kubectl, Path kubeconfig, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(kubectl.toString(), "--kubeconfig", kubeconfig.toString(), "--request-timeout=20s"));
        command.addAll(List.of(args));
        return exec(command, Map.of());
    }

    static Result runWrapper(Path wrapper, Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(wrapper.toString()));
        command.addAll(List.of(args));
        return exec(command, env);
    }

    private static Result exec(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        builder.environment().put("HOME", System.getProperty("java.io.tmpdir")); // kubectl's discovery cache
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("kubectl did not finish within 60 s: " + command);
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
