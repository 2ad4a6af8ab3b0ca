package io.balance.operator.validation;

import io.balance.api.validation.FieldPath;
import io.balance.api.validation.Problems;
import io.balance.operator.crd.AutoscalingSpec;
import io.balance.operator.crd.BackendSpec;
import io.balance.operator.crd.BalanceProxySpec;
import io.balance.operator.crd.PodDisruptionBudgetSpec;
import io.balance.operator.model.Defaults;
import java.util.regex.Pattern;

/**
 * The checks of the Kubernetes-only spec fields. The CRD schema says the same where it can
 * (CEL rules, enums); these run in the operator too, because not every API server enforces
 * the schema (the test tier's mock does not, CEL needs 1.25+).
 */
final class KubernetesRules {
    private static final Pattern DNS_LABEL = Pattern.compile("^[a-z]([-a-z0-9]*[a-z0-9])?$");
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");

    private KubernetesRules() {
    }

    static void check(BalanceProxySpec spec, Problems problems) {
        backend(spec.backend(), problems);
        autoscaling(spec.autoscaling(), problems);
        disruptionBudget(spec.podDisruptionBudget(), problems);
        if (spec.replicas() != null && spec.replicas() < 0) {
            problems.error(FieldPath.of("replicas"), "must be 0 or more; got " + spec.replicas());
        }
        if (spec.image() != null && (spec.image().isBlank() || spec.image().chars().anyMatch(Character::isWhitespace))) {
            problems.error(FieldPath.of("image"), "must be an image reference without spaces, e.g. balance/proxy:0.1.0");
        }
        if (spec.tls() != null && spec.tls().secretName() != null && !DNS_SUBDOMAIN.matcher(spec.tls().secretName()).matches()) {
            problems.error(FieldPath.of("tls", "secretName"), "\"" + spec.tls().secretName() + "\" is not a valid Secret name");
        }
        if (spec.autoscaling() != null && spec.replicas() != null) {
            problems.warning(FieldPath.of("replicas"), "ignored while autoscaling is set: the HorizontalPodAutoscaler owns the replica count");
        }
        if (Defaults.port(spec) == Defaults.adminPort(spec)) {
            problems.error(FieldPath.of("adminPort"), "must differ from port (" + Defaults.port(spec) + ")");
        }
    }

    private static void backend(BackendSpec backend, Problems problems) {
        FieldPath base = FieldPath.of("backend");
        if (backend == null) {
            problems.error(base, "required: a Service (serviceName + port) or static addresses");
            return;
        }
        boolean service = backend.serviceName() != null;
        boolean addresses = backend.addresses() != null;
        if (service == addresses) {
            problems.error(base, "set either serviceName (with port) or addresses, not both");
        }
        if (service && !DNS_LABEL.matcher(backend.serviceName()).matches()) {
            problems.error(base.field("serviceName"), "\"" + backend.serviceName()
                    + "\" is not a Service name (lower-case letters, digits and '-', starting with a letter)");
        }
        if (service && backend.port() == null) {
            problems.error(base.field("port"), "required with serviceName: the Service port, by number or name");
        }
        if (backend.port() != null && backend.port().getIntVal() != null
                && (backend.port().getIntVal() < 1 || backend.port().getIntVal() > 65535)) {
            problems.error(base.field("port"), "must be between 1 and 65535; got " + backend.port().getIntVal());
        }
        if (addresses && backend.addresses().isEmpty()) {
            problems.error(base.field("addresses"), "must list at least one host:port");
        }
    }

    private static void autoscaling(AutoscalingSpec autoscaling, Problems problems) {
        if (autoscaling == null) {
            return;
        }
        FieldPath base = FieldPath.of("autoscaling");
        if (autoscaling.maxReplicas() == null) {
            problems.error(base.field("maxReplicas"), "required: the most pods the autoscaler may run");
        } else if (autoscaling.maxReplicas() < 1) {
            problems.error(base.field("maxReplicas"), "must be at least 1; got " + autoscaling.maxReplicas());
        }
        int min = autoscaling.minReplicas() == null ? Defaults.MIN_REPLICAS : autoscaling.minReplicas();
        if (min < 1) {
            problems.error(base.field("minReplicas"), "must be at least 1; got " + min);
        } else if (autoscaling.maxReplicas() != null && min > autoscaling.maxReplicas()) {
            problems.error(base.field("minReplicas"), "must not exceed maxReplicas (" + autoscaling.maxReplicas() + "); got " + min);
        }
        if (autoscaling.targetCPUUtilizationPercentage() != null && autoscaling.targetCPUUtilizationPercentage() < 1) {
            problems.error(base.field("targetCPUUtilizationPercentage"), "must be at least 1; got "
                    + autoscaling.targetCPUUtilizationPercentage());
        }
    }

    private static void disruptionBudget(PodDisruptionBudgetSpec pdb, Problems problems) {
        if (pdb != null && (pdb.minAvailable() == null) == (pdb.maxUnavailable() == null)) {
            problems.error(FieldPath.of("podDisruptionBudget"), "set exactly one of minAvailable and maxUnavailable");
        }
    }
}
