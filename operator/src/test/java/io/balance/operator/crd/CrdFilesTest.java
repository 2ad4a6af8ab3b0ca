package io.balance.operator.crd;

import static org.assertj.core.api.Assertions.assertThat;

import io.balance.operator.RepoFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The committed CRD (crds/ and its copy in deploy/) is exactly what the build generates from
 * the crd package. After changing the CR classes, refresh both with
 * {@code mvn -pl operator -am verify -Dbalance.updateCrds=true} and commit them.
 */
class CrdFilesTest {
    static final String FILE = "balanceproxies.balance.io-v1.yml";

    @Test
    void committedCrdsMatchTheGeneratedOne() throws IOException {
        String generated = Files.readString(RepoFiles.generatedCrd());
        for (Path committed : List.of(RepoFiles.root().resolve("crds").resolve(FILE), RepoFiles.root().resolve("deploy/crds").resolve(FILE))) {
            if (Boolean.getBoolean("balance.updateCrds")) {
                Files.createDirectories(committed.getParent());
                Files.writeString(committed, generated);
            }
            assertThat(committed).as("%s is committed", committed).exists();
            assertThat(Files.readString(committed)).as("%s matches the generated CRD; refresh with -Dbalance.updateCrds=true", committed)
                    .isEqualTo(generated);
        }
    }

    @Test
    void theCrdHasTheScaleAndStatusSubresourcesAndPrinterColumns() throws IOException {
        String crd = Files.readString(RepoFiles.generatedCrd());
        assertThat(crd).contains("specReplicasPath: \".spec.replicas\"", "statusReplicasPath: \".status.replicas\"",
                "labelSelectorPath: \".status.selector\"", "status: {}", "- \"bp\"", "scope: \"Namespaced\"");
        assertThat(crd).contains("name: \"Mode\"", "name: \"Replicas\"", "name: \"Ready\"", "name: \"Endpoints\"", "name: \"Age\"");
        assertThat(crd).contains("- \"least-connections\"", "- \"LoadBalancer\"", "x-kubernetes-int-or-string: true");
    }
}
