package io.balance.operator;

import java.nio.file.Files;
import java.nio.file.Path;

/** Files of the repository and of this module's build, found from the test's working directory. */
public final class RepoFiles {
    private RepoFiles() {
    }

    /** The repository root: the directory above the operator module with a pom.xml and examples/. */
    public static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("operator"))
                    && Files.isDirectory(dir.resolve("examples"))) {
                return dir;
            }
        }
        throw new AssertionError("no repository root above " + Path.of("").toAbsolutePath());
    }

    /** The CRD the build generated from the crd package (target/crds). */
    public static Path generatedCrd() {
        Path file = root().resolve("operator/target/crds/balanceproxies.balance.io-v1.yml");
        if (!Files.isRegularFile(file)) {
            throw new AssertionError(file + " is missing: the crd-generator-maven-plugin runs in process-classes; build with mvn");
        }
        return file;
    }
}
