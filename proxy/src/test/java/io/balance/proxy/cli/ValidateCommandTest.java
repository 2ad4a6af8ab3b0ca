package io.balance.proxy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code balance validate}: what it prints and how it exits for good, bad and unreadable files. */
class ValidateCommandTest {
    private static final String VALID = """
            mode: tcp
            listen: "127.0.0.1:18080"
            backends:
              - {name: a, address: "127.0.0.1:9001"}
              - {name: b, address: "127.0.0.1:9002", weight: 3}
            load_balancer: {algorithm: least-connections}
            admin: {listen: "127.0.0.1:19090"}
            """;

    @TempDir
    Path dir;

    private Path file(String name, String content) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private static void assertNoStackTrace(Cli cli) {
        assertThat(cli.out() + cli.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void validFileSaysSoAndExitsZero() throws Exception {
        Cli cli = Cli.run("validate", "--config", file("ok.yaml", VALID).toString());

        assertThat(cli.exitCode()).isZero();
        assertThat(cli.out()).isEqualTo("✅ Configuration is valid\n");
        assertThat(cli.err()).isEmpty();
    }

    @Test
    void invalidFileListsEveryProblemNumberedWithFileStylePaths() throws Exception {
        Path bad = file("bad.yaml", """
                mode: http
                listen: "127.0.0.1:18080"
                backends:
                  - {name: a, address: "nope"}
                  - {name: b, address: "127.0.0.1:9002", weight: -3}
                load_balancer: {algorithm: fastest}
                """);

        Cli cli = Cli.run("validate", "--config", bad.toString());

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.outLines()).hasSize(4);
        assertThat(cli.outLines().get(0)).isEqualTo("❌ Configuration validation failed with 3 error(s):");
        assertThat(cli.outLines().subList(1, 4))
                .satisfiesExactlyInAnyOrder(
                        line -> assertThat(line).contains("load_balancer.algorithm: ").contains("\"fastest\"").contains("round-robin"),
                        line -> assertThat(line).contains("backends[0].address: ").contains("\"nope\""),
                        line -> assertThat(line).contains("backends[1].weight: ").contains("-3"));
        for (int i = 1; i <= 3; i++) {
            assertThat(cli.outLines().get(i)).startsWith("  " + i + ". ");
        }
        assertNoStackTrace(cli);
    }

    @Test
    void unknownKeysAndMistypedValuesAreProblemsWithTheirPaths() throws Exception {
        Path bad = file("typo.yaml", """
                mode: tcp
                listen: "127.0.0.1:18080"
                backends:
                  - {name: a, address: "127.0.0.1:9001", wieght: 2}
                timeouts: {idle: soon}
                """);

        Cli cli = Cli.run("validate", "--config", bad.toString());

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.out()).contains("failed with 2 error(s)").contains("backends[0].wieght").contains("timeouts.idle");
        assertNoStackTrace(cli);
    }

    @Test
    void missingTokenFileIsAProblemOfTheAdminSection() throws Exception {
        Path config = file("token.yaml", VALID.replace("admin: {listen: \"127.0.0.1:19090\"}",
                "admin: {listen: \"127.0.0.1:19090\", token_file: \"" + dir.resolve("no-such-token") + "\"}"));

        Cli cli = Cli.run("validate", "--config", config.toString());

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.out()).contains("  1. admin.token_file: ").contains("no-such-token");
    }

    @Test
    void warningsAloneKeepTheFileValid() throws Exception {
        Path config = file("warn.yaml", VALID + "logging: {level: debug}\n");

        Cli cli = Cli.run("validate", "--config", config.toString());

        assertThat(cli.exitCode()).isZero();
        assertThat(cli.outLines().get(0)).isEqualTo("✅ Configuration is valid");
        assertThat(cli.out()).contains("warning(s):").contains("  1. logging.level: ");
    }

    @Test
    void verbosePrintsWhatTheProxyWillDo() throws Exception {
        Cli cli = Cli.run("validate", "--config", file("ok.yaml", VALID).toString(), "--verbose");

        assertThat(cli.exitCode()).isZero();
        assertThat(cli.outLines().get(0)).isEqualTo("✅ Configuration is valid");
        assertThat(cli.out())
                .contains("Configuration summary:")
                .containsPattern("Mode: +tcp\n")
                .containsPattern("Listen: +127\\.0\\.0\\.1:18080\n")
                .containsPattern("Backends: +2\n")
                .contains("- a -> 127.0.0.1:9001 (weight 1)")
                .contains("- b -> 127.0.0.1:9002 (weight 3)")
                .containsPattern("Algorithm: +least-connections\n")
                .containsPattern("TLS: +disabled\n")
                .containsPattern("Health checks: +\\S.*\n")
                .containsPattern("Admin: +127\\.0\\.0\\.1:19090 \\(read-only: no token_file\\)\n");
    }

    @Test
    void verboseShowsNoSummaryForAnInvalidFile() throws Exception {
        Cli cli = Cli.run("validate", "-v", "-c", file("bad.yaml", VALID.replace("least-connections", "fastest")).toString());

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.out()).doesNotContain("Configuration summary");
    }

    @Test
    void missingFileIsOneClearLineAndExitTwo() {
        Path missing = dir.resolve("missing.yaml");

        Cli cli = Cli.run("validate", "--config", missing.toString());

        assertUnreadable(cli, "does not exist");
        assertThat(cli.err()).contains(missing.toString());
    }

    @Test
    void malformedYamlIsOneClearLineWithItsPosition() throws Exception {
        Cli cli = Cli.run("validate", "--config", file("broken.yaml", "mode: [tcp\nlisten: :80\n").toString());

        assertUnreadable(cli, "not valid YAML");
        assertThat(cli.err())
                .contains("expected ',' or ']'")
                .contains("(line 2, column 7)")
                .doesNotContain("^")
                .doesNotContain("'reader'");
    }

    @Test
    void directoryInsteadOfAFileIsOneClearLine() throws Exception {
        Path directory = Files.createDirectory(dir.resolve("config.yaml"));

        Cli cli = Cli.run("validate", "--config", directory.toString());

        assertUnreadable(cli, "is a directory");
    }

    @Test
    void emptyFileIsOneClearLine() throws Exception {
        Cli cli = Cli.run("validate", "--config", file("empty.yaml", "").toString());

        assertUnreadable(cli, "is empty");
    }

    @Test
    void fileOfOnlyCommentsCountsAsEmpty() throws Exception {
        Cli cli = Cli.run("validate", "--config", file("comments.yaml", "# nothing here yet\n\n").toString());

        assertUnreadable(cli, "is empty");
    }

    @Test
    void binaryFileIsOneClearLine() throws Exception {
        Path binary = dir.resolve("binary.yaml");
        Files.write(binary, new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, 0x00, 0x01});

        Cli cli = Cli.run("validate", "--config", binary.toString());

        assertUnreadable(cli, "UTF-8");
    }

    @Test
    void listInsteadOfAMappingIsOneClearLine() throws Exception {
        Cli cli = Cli.run("validate", "--config", file("list.yaml", "- mode: tcp\n").toString());

        assertUnreadable(cli, "must hold a mapping");
    }

    private static void assertUnreadable(Cli cli, String reason) {
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.out()).isEmpty();
        assertThat(cli.errLines()).hasSize(1);
        assertThat(cli.err()).startsWith("❌ ").containsIgnoringCase(reason);
        assertNoStackTrace(cli);
    }
}
