package io.balance.operator.validation;

import io.balance.api.validation.Problems;
import io.balance.operator.crd.BalanceProxySpec;

/**
 * One cross-field concern of a spec, checked beyond what the CRD schema and the proxy's
 * validator can see. Pure: no I/O, so the reconciler and the admission webhook share it.
 */
interface SpecRule {
    void check(BalanceProxySpec spec, Problems problems);
}
