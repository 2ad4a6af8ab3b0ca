package io.balance.operator.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The prerequisite check itself (no server): what it calls missing, and what it accepts. */
class KubeApiServerPrerequisiteTest {
    @Test
    void anUnsetDirectoryIsMissing() {
        assertThat(KubeApiServerPrerequisite.missing(null)).startsWith("KUBE_API_TEST_DIR is not set")
                .contains("scripts/provision/20-kube-apiserver.sh");
    }

    @Test
    void aDirectoryWithoutTheBinariesIsMissing(@TempDir Path dir) {
        assertThat(KubeApiServerPrerequisite.missing(dir.toString()))
                .contains(dir.resolve("k8s/1.20.2-linux-amd64/kube-apiserver").toString());
    }

    @Test
    void executableBinariesAreEnough(@TempDir Path dir) throws Exception {
        Path binaries = Files.createDirectories(dir.resolve("k8s/1.20.2-linux-amd64"));
        for (String name : new String[] {"kube-apiserver", "etcd"}) {
            Files.createFile(binaries.resolve(name), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        }
        assertThat(KubeApiServerPrerequisite.missing(dir.toString())).isNull();
    }
}
