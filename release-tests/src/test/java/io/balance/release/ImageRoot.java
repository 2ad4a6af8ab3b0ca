package io.balance.release;

import io.balance.release.Dockerfile.Instruction;
import io.balance.release.Dockerfile.Stage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A release image's runtime file system, recreated under a temporary directory: every COPY of the
 * runtime stage lands at its image path below {@code root} (build-stage outputs come from the
 * reactor's target folders), and image paths in commands and in the copied scripts are mapped there.
 */
final class ImageRoot {
    private static final List<String> IMAGE_PREFIXES = List.of("/opt/balance", "/usr/local/bin", "/etc/balance");

    private final Path root;
    private final Stage runtime;

    private ImageRoot(Path root, Stage runtime) {
        this.root = root;
        this.runtime = runtime;
    }

    static ImageRoot install(String dockerfile, Path root) throws IOException {
        Stage runtime = Dockerfile.read(Repo.path(dockerfile)).runtime();
        ImageRoot image = new ImageRoot(root, runtime);
        mkdirs(root);
        for (Instruction copy : runtime.all("COPY")) {
            List<String> parts = new ArrayList<>(List.of(copy.args().split("\\s+")));
            boolean fromBuild = parts.remove("--from=build");
            parts.removeIf(p -> p.startsWith("--chmod="));
            String target = parts.remove(parts.size() - 1);
            for (String source : parts) {
                // the build stage works in /src with the repository copied there
                Path from = fromBuild ? Repo.path(source.replaceFirst("^/src/", "")) : Repo.path(source);
                if (!Files.isRegularFile(from)) {
                    throw new IllegalStateException(dockerfile + ": " + from + " is missing (build it with mvn package first)");
                }
                boolean executable = !fromBuild && Files.isExecutable(from);
                Path to = image.file(target);
                mkdirs(to.getParent());
                if (!executable) {
                    Files.copy(from, to);
                } else {
                    Files.writeString(to, image.map(Files.readString(from)));
                }
                Files.setPosixFilePermissions(to, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        mkdirs(image.file("/etc/balance"));
        return image;
    }

    Stage runtime() {
        return runtime;
    }

    /** An image path under the temporary root. */
    Path file(String imagePath) {
        return root.resolve(imagePath.substring(1));
    }

    /** Rewrites every image path in a text (a command argument, a script) onto the temporary root. */
    String map(String text) {
        String mapped = text;
        for (String prefix : IMAGE_PREFIXES) {
            mapped = mapped.replace(prefix, root + prefix);
        }
        return mapped;
    }

    List<String> map(List<String> command) {
        return command.stream().map(this::map).toList();
    }

    List<String> entrypointAndCmd() {
        List<String> command = new ArrayList<>(runtime.last("ENTRYPOINT").flatMap(Instruction::execForm).orElseThrow());
        runtime.last("CMD").flatMap(Instruction::execForm).ifPresent(command::addAll);
        return map(command);
    }

    List<String> healthcheck() {
        return map(runtime.last("HEALTHCHECK").flatMap(Instruction::execForm).orElseThrow());
    }

    /** The image's ENV as {@code docker build --build-arg} would set it. */
    Map<String, String> env(Map<String, String> buildArgs) {
        return runtime.env(buildArgs);
    }

    private static void mkdirs(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (Path p = dir; p != null && p.startsWith(Path.of(System.getProperty("java.io.tmpdir"))); p = p.getParent()) {
            open(p);
        }
    }

    private static void open(Path dir) throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
