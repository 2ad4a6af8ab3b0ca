package io.balance.release;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The alerts in prometheus-rules/, checked and unit-tested with promtool, and the dashboard's PromQL parsed by it. */
class PrometheusRulesTest {
    private static final Set<String> REQUIRED_ALERTS = Set.of(
            "BalanceAllBackendsDown", "BalanceProxyDown", "BalanceHighErrorRate", "BalanceHighLatencyP99",
            "BalanceBackendDown", "BalanceConnectionsNearLimit", "BalanceMemoryPressure", "BalanceCircuitBreakerOpen",
            "BalanceHighRetryRate", "BalanceRunawayThreads", "BalanceOperatorReconcileErrors", "BalanceProxiesNotReady",
            "BalanceProxiesNotProgrammed");

    @TempDir
    Path tmp;

    @Test
    void ruleFilePassesPromtoolCheck() throws Exception {
        Promtool.Result result = Promtool.run(Repo.root(), "check", "rules", Observability.RULES);

        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void everyAlertFiresAndStaysSilentInPromtoolUnitTests() throws Exception {
        List<String> args = new ArrayList<>(List.of("test", "rules"));
        args.addAll(testFiles().stream().map(p -> Repo.root().relativize(p).toString()).toList());

        Promtool.Result result = Promtool.run(Repo.root(), args.toArray(String[]::new));

        assertThat(result.exitCode()).as(result.output()).isZero();
        Set<String> fired = new TreeSet<>();
        Set<String> silent = new TreeSet<>();
        for (Path file : testFiles()) {
            for (JsonNode test : Observability.YAML.readTree(file.toFile()).path("tests")) {
                for (JsonNode check : test.path("alert_rule_test")) {
                    (check.path("exp_alerts").isEmpty() ? silent : fired).add(check.path("alertname").asText());
                }
            }
        }
        Set<String> alerts = alertNames(Observability.rules());
        assertThat(fired).as("alerts a unit test makes fire").containsAll(alerts);
        assertThat(silent).as("alerts a unit test expects silent").containsAll(alerts);
    }

    @Test
    void coversTheAlertsTheIssueAsksFor() throws Exception {
        assertThat(alertNames(Observability.rules())).containsAll(REQUIRED_ALERTS);
    }

    @Test
    void prometheusRuleHoldsExactlyThePlainRuleFile() throws Exception {
        JsonNode resource = Observability.YAML.readTree(Repo.path(Observability.PROMETHEUS_RULE).toFile());

        assertThat(resource.path("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(resource.path("kind").asText()).isEqualTo("PrometheusRule");
        assertThat(resource.path("spec").path("groups")).isEqualTo(Observability.rules().path("groups"));
    }

    @Test
    void dashboardQueriesParseInPrometheus() throws Exception {
        StringBuilder file = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        int i = 0;
        for (String expr : Observability.dashboardExpressions()) {
            file.append("      - record: dashboard:query").append(i++).append('\n')
                    .append("        expr: ").append(Observability.JSON.writeValueAsString(Observability.withVariables(expr))).append('\n');
        }
        Path rules = Files.writeString(tmp.resolve("dashboard-queries.yaml"), file);

        Promtool.Result result = Promtool.run(tmp, "check", "rules", rules.toString());

        assertThat(result.exitCode()).as(file + "\n" + result.output()).isZero();
    }

    private static Set<String> alertNames(JsonNode rules) {
        Set<String> names = new TreeSet<>();
        for (JsonNode group : rules.path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                names.add(rule.path("alert").asText());
            }
        }
        return names;
    }

    private static List<Path> testFiles() throws Exception {
        try (Stream<Path> files = Files.list(Repo.path("prometheus-rules/tests"))) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }
}
