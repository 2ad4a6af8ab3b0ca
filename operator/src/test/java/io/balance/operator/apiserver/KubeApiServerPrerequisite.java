package io.balance.operator.apiserver;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The rule of DESIGN (Decisions, Tests) for this tier, in one place: every class here carries
 * {@code @ExtendWith(KubeApiServerPrerequisite.class)} before {@code @EnableKubeAPIServer}. When
 * the kube-apiserver and etcd binaries that {@code scripts/provision/20-kube-apiserver.sh}
 * caches are missing, the class fails with {@code CI=true} and is skipped with the reason
 * otherwise; the server is never started and never downloaded. As a condition it runs before
 * any extension's callbacks, so a skipped class leaves nothing half started.
 */
public final class KubeApiServerPrerequisite implements ExecutionCondition {
    /** The version every class of the tier asks for; the provisioner installs the same one. */
    public static final String VERSION = "1.20.2";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String missing = missing(System.getenv("KUBE_API_TEST_DIR"));
        if (missing == null) {
            return ConditionEvaluationResult.enabled("kube-apiserver " + VERSION + " binaries present");
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(missing + " (CI=true: a missing prerequisite fails the run)");
        }
        return ConditionEvaluationResult.disabled(missing);
    }

    /** What is missing to start the server, or null when the binaries are there. */
    static String missing(String apiTestDir) {
        String hint = "; run scripts/test.sh, or scripts/provision/20-kube-apiserver.sh and export "
                + "~/.cache/balance/env/kube-api-test.env";
        if (apiTestDir == null || apiTestDir.isBlank()) {
            return "KUBE_API_TEST_DIR is not set" + hint;
        }
        Path binaries = Path.of(apiTestDir, "k8s", VERSION + "-linux-amd64");
        for (String binary : new String[] {"kube-apiserver", "etcd"}) {
            if (!Files.isExecutable(binaries.resolve(binary))) {
                return "no executable " + binaries.resolve(binary) + hint;
            }
        }
        return null;
    }
}
