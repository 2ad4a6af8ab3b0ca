package io.balance.proxy.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PanicPolicyTest {
    @Test
    void panicsOnlyWhenSomeButTooFewBackendsAreEligible() {
        assertThat(PanicPolicy.inPanic(0, 4, 50)).as("none eligible is not panic: it is 503").isFalse();
        assertThat(PanicPolicy.inPanic(1, 4, 50)).isTrue();
        assertThat(PanicPolicy.inPanic(2, 4, 50)).as("exactly the threshold").isFalse();
        assertThat(PanicPolicy.inPanic(4, 4, 100)).as("all eligible").isFalse();
        assertThat(PanicPolicy.inPanic(3, 4, 100)).isTrue();
        assertThat(PanicPolicy.inPanic(1, 4, 0)).as("threshold 0 turns panic mode off").isFalse();
    }
}
