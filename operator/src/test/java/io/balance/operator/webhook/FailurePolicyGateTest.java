package io.balance.operator.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.balance.operator.crd.BalanceProxy;
import io.balance.operator.validation.SpecValidator;
import org.junit.jupiter.api.Test;

/** The probe must pass the CRD schema (or the API server would reject it before calling us) and fail our rules. */
class FailurePolicyGateTest {

    @Test
    void theProbeIsDeniedByTheValidatorForExactlyTheExpectedReason() {
        BalanceProxy probe = FailurePolicyGate.probe("balance-system");
        assertThat(probe.getMetadata().getNamespace()).isEqualTo("balance-system");
        assertThat(new SpecValidator().validate(probe).errorMessages()).singleElement().asString()
                .startsWith(FailurePolicyGate.EXPECTED);
    }
}
