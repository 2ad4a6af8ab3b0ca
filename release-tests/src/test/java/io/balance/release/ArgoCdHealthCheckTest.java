package io.balance.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Lua health check docs/OPERATIONS.md gives Argo CD for BalanceProxy, run with a Lua
 * interpreter ({@code scripts/provision/40-lua.sh}) against sample objects.
 */
class ArgoCdHealthCheckTest {
    private static final Pattern SCRIPT = Pattern.compile(
            "resource\\.customizations\\.health\\.balance\\.io_BalanceProxy: \\|\\n(.*?)\\n```", Pattern.DOTALL);

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no status yet        | {metadata={generation=1}}                                                                                                                    | Progressing | Waiting for the operator
            spec not seen yet    | {metadata={generation=2}, status={observedGeneration=1, conditions={{type="Ready",status="True",message="2/2"}}}}                           | Progressing | Waiting for the operator
            invalid spec         | {metadata={generation=1}, status={observedGeneration=1, conditions={{type="Accepted",status="False",message="spec.port: bad"}}}}            | Degraded    | spec.port: bad
            degraded             | {metadata={generation=1}, status={observedGeneration=1, conditions={{type="Accepted",status="True"},{type="Degraded",status="True",message="stuck"}}}} | Degraded | stuck
            rolling out          | {metadata={generation=1}, status={observedGeneration=1, conditions={{type="Accepted",status="True"},{type="Ready",status="False",message="1/2 ready"}}}} | Progressing | 1/2 ready
            not programmed       | {metadata={generation=1}, status={observedGeneration=1, conditions={{type="Ready",status="True",message="2/2"},{type="Programmed",status="False",message="1/2 pods programmed"}}}} | Progressing | 1/2 pods programmed
            healthy              | {metadata={generation=1}, status={observedGeneration=1, conditions={{type="Accepted",status="True"},{type="Programmed",status="True"},{type="Ready",status="True",message="2/2"},{type="Degraded",status="False"}}}} | Healthy | 2/2
            """)
    void reportsHealthFromConditions(String name, String object, String status, String message) throws Exception {
        Matcher m = SCRIPT.matcher(Files.readString(Repo.path("docs/OPERATIONS.md")));
        assertThat(m.find()).as("the health check in docs/OPERATIONS.md").isTrue();
        String body = m.group(1).lines().map(l -> l.length() >= 4 ? l.substring(4) : l.strip()).reduce("", (a, b) -> a + b + "\n");
        Path script = Files.writeString(tmp.resolve("health.lua"),
                "local obj = " + object + "\nlocal function check()\n" + body + "end\nlocal hs = check()\nio.write(hs.status .. '|' .. tostring(hs.message))\n");

        Process lua = new ProcessBuilder(List.of(lua(), script.toString())).redirectErrorStream(true).start();
        String out = new String(lua.getInputStream().readAllBytes()).strip();
        assertThat(lua.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(lua.exitValue()).as(out).isZero();
        assertThat(out).isEqualTo(status + "|" + message);
    }

    private static String lua() {
        for (String name : List.of("lua5.4", "lua5.3", "lua5.1", "lua")) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
                if (Files.isExecutable(Path.of(dir, name))) {
                    return Path.of(dir, name).toString();
                }
            }
        }
        String message = "no Lua interpreter on PATH; install one with scripts/provision/40-lua.sh";
        if (Repo.ci()) {
            fail(message);
        }
        Assumptions.abort(message);
        return null;
    }
}
