package io.balance.release;

import static org.assertj.core.api.Assertions.assertThat;

import io.balance.release.Dockerfile.Instruction;
import io.balance.release.Dockerfile.Stage;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The release Dockerfiles, read without a Docker engine: the properties the issue and DESIGN.md ask for. */
class DockerfileTest {

    /** The pods the operator writes run as this user (DeploymentModel.RUN_AS, deploy/operator.yaml). */
    private static final String POD_USER = "10001";

    static Stream<Arguments> images() {
        return Stream.of(
                Arguments.of("Dockerfile.proxy", "balance-proxy.jar", List.of("8080", "9090"), "http://127.0.0.1:9090/health"),
                Arguments.of("Dockerfile.operator", "balance-operator.jar", List.of("8081", "9443"), "http://127.0.0.1:8081/healthz"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("images")
    void buildsWithMavenThenRunsOnAJre(String file, String jar) throws Exception {
        Dockerfile dockerfile = Dockerfile.read(Repo.path(file));

        assertThat(dockerfile.stages()).as("multi-stage").hasSizeGreaterThanOrEqualTo(2);
        Stage build = dockerfile.stages().get(0);
        assertThat(build.from()).isEqualTo("maven:3.9-eclipse-temurin-17");
        assertThat(build.name()).isEqualTo("build");
        assertThat(build.all("RUN")).extracting(Instruction::args)
                .anySatisfy(run -> assertThat(run).contains("mvn").contains("package").contains("-DskipTests"));
        Stage runtime = dockerfile.runtime();
        assertThat(runtime.from()).isEqualTo("eclipse-temurin:17-jre");
        assertThat(runtime.all("COPY")).extracting(Instruction::args)
                .anySatisfy(copy -> assertThat(copy).startsWith("--from=build ").endsWith("/opt/balance/" + jar));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("images")
    void runsAsTheNumericNonRootUserThePodsUse(String file) throws Exception {
        Stage runtime = Dockerfile.read(Repo.path(file)).runtime();

        String user = runtime.last("USER").orElseThrow(() -> new AssertionError(file + " has no USER")).args();
        assertThat(user).as("numeric uid[:gid]").matches("\\d+(:\\d+)?");
        String[] ids = user.split(":");
        assertThat(ids).allSatisfy(id -> assertThat(Long.parseLong(id)).isPositive());
        assertThat(ids[0]).isEqualTo(POD_USER);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("images")
    void checksHealthWithTheBalanceCliNotCurl(String file, String jar, List<String> ports, String healthUrl) throws Exception {
        Stage runtime = Dockerfile.read(Repo.path(file)).runtime();

        Instruction check = runtime.last("HEALTHCHECK").orElseThrow(() -> new AssertionError(file + " has no HEALTHCHECK"));
        List<String> command = check.execForm().orElseThrow(() -> new AssertionError("HEALTHCHECK CMD is not exec form: " + check.args()));
        assertThat(command).contains("health", healthUrl).doesNotContain("curl", "wget");
        assertThat(check.args()).contains("--interval=").contains("--timeout=");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("images")
    void passesBuildArgsToTheVersionEndpoint(String file) throws Exception {
        Stage runtime = Dockerfile.read(Repo.path(file)).runtime();

        assertThat(runtime.all("ARG")).extracting(a -> a.args().split("=")[0])
                .contains("VERSION", "GIT_COMMIT", "BUILD_TIME");
        String env = String.join(" ", runtime.all("ENV").stream().map(Instruction::args).toList());
        assertThat(env).contains("BALANCE_VERSION=${VERSION}", "BALANCE_GIT_COMMIT=${GIT_COMMIT}", "BALANCE_BUILD_TIME=${BUILD_TIME}");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("images")
    void sizesTheJvmForContainers(String file) throws Exception {
        Map<String, String> env = Dockerfile.read(Repo.path(file)).runtime().env();

        List<String> flags = Arrays.asList(env.getOrDefault("JAVA_OPTS", "").split("\\s+"));
        assertThat(flags).anySatisfy(f -> assertThat(f).startsWith("-XX:MaxRAMPercentage="))
                .contains("-XX:+ExitOnOutOfMemoryError", "-Djava.io.tmpdir=/tmp")
                .anySatisfy(f -> assertThat(f).matches("-XX:\\+Use\\w+GC"));
        if (file.equals("Dockerfile.proxy")) {
            assertThat(flags).as("Netty unpacks its native transport under a writable dir").contains("-Dio.netty.native.workdir=/tmp");
            assertThat(env).as("bench/ measures the proxy with two glibc malloc arenas").containsEntry("MALLOC_ARENA_MAX", "2");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("images")
    void startsInExecFormAndExposesItsPorts(String file, String jar, List<String> ports) throws Exception {
        Stage runtime = Dockerfile.read(Repo.path(file)).runtime();

        List<String> entrypoint = runtime.last("ENTRYPOINT").flatMap(Instruction::execForm)
                .orElseThrow(() -> new AssertionError(file + ": ENTRYPOINT missing or not exec form"));
        assertThat(entrypoint).isNotEmpty();
        runtime.last("CMD").ifPresent(cmd -> assertThat(cmd.execForm()).as("CMD exec form").isPresent());
        assertThat(runtime.all("EXPOSE")).extracting(Instruction::args)
                .flatExtracting(a -> Arrays.asList(a.split("\\s+"))).containsExactlyInAnyOrderElementsOf(ports);
        // the wrapper scripts the images copy exist, are executable and pass JAVA_OPTS to the jar they run
        String script = entrypoint.get(0).replace("/usr/local/bin/", "docker/");
        assertThat(Repo.path(script)).isRegularFile().isExecutable();
        assertThat(Files.readString(Repo.path(script))).contains("exec java ${JAVA_OPTS} -jar").contains(jar.equals("balance-proxy.jar") ? jar : "balance-");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("images")
    void copiesOnlyWhatTheBuildContextKeeps(String file) throws Exception {
        List<String> ignored = Files.readAllLines(Repo.path(".dockerignore")).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        for (Stage stage : Dockerfile.read(Repo.path(file)).stages()) {
            for (Instruction copy : stage.all("COPY")) {
                if (copy.args().startsWith("--from=")) {
                    continue;
                }
                String[] parts = copy.args().replaceAll("--chmod=\\S+ ", "").split("\\s+");
                for (String source : Arrays.copyOf(parts, parts.length - 1)) {
                    assertThat(Repo.path(source)).as(file + " COPY source").exists();
                    assertThat(ignored).as(".dockerignore must not exclude " + source)
                            .noneMatch(pattern -> source.equals(pattern) || source.startsWith(pattern + "/"));
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("images")
    void proxyImageRunsTheConfigTheOperatorMounts(String file) throws Exception {
        if (!file.equals("Dockerfile.proxy")) {
            return;
        }
        Stage runtime = Dockerfile.read(Repo.path(file)).runtime();
        // DeploymentModel passes only args (run --config /etc/balance/config.yaml): the ENTRYPOINT must be the CLI
        assertThat(runtime.last("ENTRYPOINT").flatMap(Instruction::execForm).orElseThrow()).containsExactly("/usr/local/bin/balance");
        assertThat(runtime.last("CMD").flatMap(Instruction::execForm).orElseThrow())
                .containsExactly("run", "--config", "/etc/balance/config.yaml");
    }
}
