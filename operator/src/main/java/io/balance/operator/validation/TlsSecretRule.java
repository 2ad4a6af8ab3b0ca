package io.balance.operator.validation;

import io.balance.api.validation.FieldPath;
import io.balance.api.validation.Problems;
import io.balance.operator.crd.BalanceProxySpec;

/** A {@code tls} section turns TLS on, and then it needs the Secret holding the certificate. */
final class TlsSecretRule implements SpecRule {

    @Override
    public void check(BalanceProxySpec spec, Problems problems) {
        if (spec.tls() != null && (spec.tls().secretName() == null || spec.tls().secretName().isBlank())) {
            problems.error(FieldPath.of("tls", "secretName"), "required when tls is set: the name of a kubernetes.io/tls"
                    + " Secret in the BalanceProxy's namespace (remove tls to serve plain traffic)");
        }
    }
}
