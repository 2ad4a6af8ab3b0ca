package io.balance.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The operations docs point at files that exist and at CLI flags the proxy has. */
class DocsTest {
    private static final Pattern REPO_PATH = Pattern.compile(
            "(?<![\\w/.-])((?:deploy|grafana|prometheus-rules|examples|docs|docker|scripts|crds|release-tests)/[\\w./-]*[\\w/]|Dockerfile\\.(?:proxy|operator))");
    private static final Pattern BALANCE_CLI = Pattern.compile("balance-proxy\\.jar (run|validate|health)((?: -{1,2}[\\w-]+(?:[ =][^ `\\n-][^ `\\n]*)?)*)");

    @ParameterizedTest
    @ValueSource(strings = {"docs/OPERATIONS.md", "docs/TROUBLESHOOTING.md", "docs/ARCHITECTURE.md", "deploy/README.md"})
    void referencesOnlyFilesThatExist(String doc) throws Exception {
        String text = Files.readString(Repo.path(doc));
        Set<String> missing = new TreeSet<>();
        Matcher m = REPO_PATH.matcher(text);
        while (m.find()) {
            String path = m.group(1).replaceAll("\\.$", "");
            boolean kubectlResource = path.matches("deploy/[\\w-]+"); // kubectl logs deploy/web
            if (!kubectlResource && !Files.exists(Repo.path(path))) {
                missing.add(path);
            }
        }
        assertThat(missing).as(doc + " mentions files that do not exist").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"docs/OPERATIONS.md", "docs/TROUBLESHOOTING.md", "README.md"})
    void usesOnlyCliFlagsTheProxyHas(String doc) throws Exception {
        String text = Files.readString(Repo.path(doc));
        Matcher m = BALANCE_CLI.matcher(text);
        while (m.find()) {
            String help = help(m.group(1));
            for (String flag : m.group(2).trim().split("\\s+")) {
                if (flag.startsWith("-")) {
                    assertThat(help).as(doc + ": balance " + m.group(1) + " " + flag).contains(flag.split("=")[0]);
                }
            }
        }
    }

    private static String help(String command) throws Exception {
        Process process = new ProcessBuilder(List.of("java", "-jar", Repo.path("proxy/target/balance-proxy.jar").toString(), command, "--help"))
                .redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        process.waitFor();
        return out;
    }
}
