package io.balance.release;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * The release on a real cluster: both images built from the Dockerfiles, loaded into k3s,
 * {@code kubectl apply -k deploy/}, a BalanceProxy in front of a backend Deployment, and a request
 * through the proxy's Service. Needs a Docker engine and pulls rancher/k3s, hashicorp/http-echo
 * and curlimages/curl; without Docker it is skipped (the only suite allowed to skip under CI).
 * It has never been run where it was written (no Docker there). It needs the endpoint sync: until
 * the operator pushes the backend set, proxy pods are not Ready and Programmed is not True.
 */
@Testcontainers(disabledWithoutDocker = true)
class K3sClusterTest {
    private static final String VERSION = "0.1.0-SNAPSHOT";
    /** The operator's default proxy image is balance/proxy:<operator version>; deploy/operator.yaml runs balance/operator:<version>. */
    private static final String PROXY_IMAGE = "balance/proxy:" + VERSION;
    private static final String OPERATOR_IMAGE = "balance/operator:" + VERSION;

    @Container
    static final K3sContainer K3S = new K3sContainer(DockerImageName.parse("rancher/k3s:v1.31.4-k3s1"));

    @TempDir
    static Path tmp;

    @BeforeAll
    static void loadImagesAndInstall() throws Exception {
        for (String[] image : List.of(new String[] {PROXY_IMAGE, "Dockerfile.proxy"}, new String[] {OPERATOR_IMAGE, "Dockerfile.operator"})) {
            // the repository root is the build context (its .dockerignore applies), as Testcontainers' DockerignoreTest does it
            String name = new ImageFromDockerfile(image[0], false)
                    .withFileFromPath(".", Repo.root())
                    .withDockerfile(Repo.path(image[1]))
                    .withBuildArg("VERSION", VERSION)
                    .withBuildArg("GIT_COMMIT", "k3s-test")
                    .get();
            loadIntoK3s(name);
        }
        K3S.copyFileToContainer(MountableFile.forHostPath(Repo.path("deploy")), "/balance/deploy");
        K3S.copyFileToContainer(MountableFile.forClasspathResource("k3s/"), "/balance/k3s");
        kubectl("apply", "-k", "/balance/deploy");
        kubectl("-n", "balance-system", "rollout", "status", "deployment/balance-operator", "--timeout=300s");
    }

    @Test
    void proxiesTrafficToABackendDeployment() throws Exception {
        kubectl("apply", "-f", "/balance/k3s/backend.yaml");
        kubectl("rollout", "status", "deployment/web-backend", "--timeout=300s");

        kubectl("apply", "-f", "/balance/k3s/balanceproxy.yaml");
        kubectl("wait", "--for=condition=Ready", "balanceproxy/web", "--timeout=300s");
        kubectl("apply", "-f", "/balance/k3s/client.yaml");
        kubectl("wait", "--for=jsonpath={.status.phase}=Succeeded", "pod/client", "--timeout=180s");

        assertThat(kubectl("logs", "pod/client")).contains("hello from web-backend");
        assertThat(kubectl("get", "balanceproxy/web", "-o", "jsonpath={.status.conditions[?(@.type==\"Programmed\")].status}"))
                .isEqualTo("True");
    }

    private static void loadIntoK3s(String image) throws Exception {
        DockerClient docker = DockerClientFactory.instance().client();
        Path tar = tmp.resolve(image.replaceAll("[/:]", "_") + ".tar");
        try (InputStream saved = docker.saveImageCmd(image).exec()) {
            Files.copy(saved, tar, StandardCopyOption.REPLACE_EXISTING);
        }
        K3S.copyFileToContainer(MountableFile.forHostPath(tar), "/tmp/" + tar.getFileName());
        ExecResult result = K3S.execInContainer("ctr", "-n", "k8s.io", "images", "import", "/tmp/" + tar.getFileName());
        assertThat(result.getExitCode()).as(result.getStderr()).isZero();
    }

    private static String kubectl(String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = "kubectl";
        System.arraycopy(args, 0, command, 1, args.length);
        ExecResult result = K3S.execInContainer(command);
        assertThat(result.getExitCode()).as(String.join(" ", command) + "\n" + result.getStdout() + result.getStderr()).isZero();
        return result.getStdout();
    }
}
