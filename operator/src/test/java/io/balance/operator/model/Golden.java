package io.balance.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.balance.operator.RepoFiles;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden YAML files under {@code src/test/resources/golden}: the rendered object must equal the
 * file. Run with {@code -Dgolden.update=true} to rewrite them after an intended change, then
 * review the diff.
 */
final class Golden {
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private Golden() {
    }

    static void assertMatches(Object object, String name) throws IOException {
        String actual = SERIALIZATION.asYaml(object);
        Path file = RepoFiles.root().resolve("operator/src/test/resources/golden").resolve(name);
        if (Boolean.getBoolean("golden.update") || !Files.exists(file)) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual);
            if (!Boolean.getBoolean("golden.update")) {
                throw new AssertionError("golden file " + file + " did not exist and was written; review and commit it");
            }
        }
        assertThat(actual).as("rendered %s (rewrite with -Dgolden.update=true)", name).isEqualTo(Files.readString(file));
    }
}
