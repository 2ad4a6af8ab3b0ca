package io.balance.operator.validation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.balance.api.validation.PathStyle;
import io.balance.api.validation.Problem;
import io.balance.api.validation.Problems;
import io.balance.operator.Fixtures;
import io.balance.operator.crd.BalanceProxySpec;
import java.util.List;
import java.util.function.Consumer;

/** Runs one rule on the quickstart example edited as a JSON tree; problems rendered for the resource. */
final class RuleTesting {
    private RuleTesting() {
    }

    static BalanceProxySpec spec(Consumer<ObjectNode> edit) {
        return Fixtures.copy(Fixtures.quickstart(), "default", "web", edit).getSpec();
    }

    static List<String> errors(SpecRule rule, Consumer<ObjectNode> edit) {
        return run(rule, edit).stream().filter(Problem::isError).map(p -> p.render(PathStyle.RESOURCE)).toList();
    }

    static List<String> warnings(SpecRule rule, Consumer<ObjectNode> edit) {
        return run(rule, edit).stream().filter(p -> !p.isError()).map(p -> p.render(PathStyle.RESOURCE)).toList();
    }

    private static List<Problem> run(SpecRule rule, Consumer<ObjectNode> edit) {
        Problems problems = new Problems();
        rule.check(spec(edit), problems);
        return problems.toList();
    }
}
