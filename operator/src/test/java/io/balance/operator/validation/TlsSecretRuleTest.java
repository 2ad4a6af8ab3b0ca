package io.balance.operator.validation;

import static io.balance.operator.validation.RuleTesting.errors;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TlsSecretRuleTest {
    private final TlsSecretRule rule = new TlsSecretRule();

    @Test
    void aTlsSectionWithoutSecretNameIsRejected() {
        assertThat(errors(rule, s -> s.putObject("tls"))).singleElement().asString()
                .startsWith("spec.tls.secretName: required when tls is set");
    }

    @Test
    void noTlsOrANamedSecretPassesThisRule() {
        assertThat(errors(rule, s -> { })).isEmpty();
        assertThat(errors(rule, s -> s.putObject("tls").put("secretName", "web-tls"))).isEmpty();
    }
}
