package io.balance.release;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository root (surefire passes {@code balance.root}; a run from the module folder falls back to {@code ..}). */
final class Repo {
    private Repo() {
    }

    static Path root() {
        String configured = System.getProperty("balance.root");
        Path root = (configured != null ? Path.of(configured) : Path.of("..")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(root.resolve("Dockerfile.proxy"))) {
            throw new IllegalStateException("not the Balance repository root: " + root);
        }
        return root;
    }

    static Path path(String relative) {
        return root().resolve(relative);
    }

    /** True when the build runs under CI, where a missing prerequisite fails instead of skipping. */
    static boolean ci() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }
}
