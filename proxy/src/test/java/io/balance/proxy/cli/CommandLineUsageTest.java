package io.balance.proxy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.balance.proxy.testing.FreePorts;
import io.balance.proxy.testing.RunningProxy;
import io.balance.proxy.testing.TestHttpBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Usage errors exit 2 with a message and the usage; the small commands behave. */
class CommandLineUsageTest {
    @TempDir
    Path dir;

    private static void assertUsageError(Cli cli, String message) {
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.errLines().get(0)).contains(message);
        assertThat(cli.err()).contains("Usage: balance");
        assertThat(cli.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void validateWithoutConfigIsAUsageError() {
        assertUsageError(Cli.run("validate"), "Missing required option: '--config=FILE'");
    }

    @Test
    void runWithoutConfigIsAUsageError() {
        assertUsageError(Cli.run("run"), "Missing required option: '--config=FILE'");
    }

    @Test
    void unknownOptionIsAUsageError() throws Exception {
        Path config = Files.writeString(dir.resolve("c.yaml"), "mode: tcp\n");
        assertUsageError(Cli.run("validate", "--config", config.toString(), "--bogus"), "Unknown option: '--bogus'");
    }

    @Test
    void noSubcommandIsAUsageError() {
        Cli cli = Cli.run();
        assertUsageError(cli, "a command is required: run, validate or health");
        assertThat(cli.err()).contains("run").contains("validate").contains("health");
    }

    @Test
    void unknownSubcommandIsAUsageError() {
        assertUsageError(Cli.run("serve"), "serve");
    }

    @Test
    void optionWithoutItsValueIsAUsageError() {
        assertUsageError(Cli.run("validate", "--config"), "--config");
    }

    @Test
    void runWithAnInvalidFileListsTheProblemsAndExitsOne() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), """
                mode: tcp
                backends:
                  - {name: a, address: "127.0.0.1:0"}
                load_balancer: {algorithm: fastest}
                """);

        Cli cli = Cli.run("run", "--config", bad.toString());

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.errLines().get(0)).matches("❌ Configuration validation failed with \\d+ error\\(s\\):");
        assertThat(cli.err()).contains("  1. ").contains("load_balancer.algorithm: ");
    }

    @Test
    void runWithAMissingFileExitsTwo() {
        Cli cli = Cli.run("run", "--config", dir.resolve("missing.yaml").toString());

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.errLines()).hasSize(1);
        assertThat(cli.err()).startsWith("❌ ").contains("does not exist");
    }

    @Test
    void versionPrintsTheBuild() {
        Cli cli = Cli.run("--version");

        assertThat(cli.exitCode()).isZero();
        assertThat(cli.out()).startsWith("balance ");
    }

    @Test
    void healthExitsZeroForAHealthyProxyAndOneWhenNothingAnswers() throws Exception {
        try (TestHttpBackend backend = TestHttpBackend.start("a");
                RunningProxy proxy = RunningProxy.start("""
                        mode: http
                        backends:
                          - {name: a, address: "%s"}
                        """.formatted(backend.address()))) {
            Cli healthy = Cli.run("health", "--url", proxy.adminUrl("/health"));
            assertThat(healthy.exitCode()).isZero();
            assertThat(healthy.out()).startsWith("200 ");
        }
        Cli down = Cli.run("health", "--url", "http://127.0.0.1:" + FreePorts.next() + "/health", "--timeout", "2");
        assertThat(down.exitCode()).isEqualTo(1);
        assertThat(down.errLines()).hasSize(1);
        assertThat(down.err()).startsWith("unhealthy: ");
    }
}
