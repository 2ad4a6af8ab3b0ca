package io.balance.proxy.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.balance.proxy.health.EjectionMath;
import org.junit.jupiter.api.Test;

class EjectionMathTest {
    @Test
    void ejectionTimeGrowsWithTheCountUpToTheMaximum() {
        assertThat(EjectionMath.durationNanos(1, 30, 300)).isEqualTo(30);
        assertThat(EjectionMath.durationNanos(2, 30, 300)).isEqualTo(60);
        assertThat(EjectionMath.durationNanos(10, 30, 300)).isEqualTo(300);
        assertThat(EjectionMath.durationNanos(11, 30, 300)).isEqualTo(300);
        assertThat(EjectionMath.durationNanos(Integer.MAX_VALUE, Long.MAX_VALUE / 2, 300)).isEqualTo(300);
    }

    @Test
    void neverEjectsMoreThanTheMaxPercentOfThePool() {
        assertThat(EjectionMath.maxEjected(2, 50)).isEqualTo(1);
        assertThat(EjectionMath.maxEjected(3, 50)).isEqualTo(1);
        assertThat(EjectionMath.maxEjected(10, 50)).isEqualTo(5);
        assertThat(EjectionMath.maxEjected(1, 50)).as("a lone backend stays").isZero();
        assertThat(EjectionMath.maxEjected(1, 100)).isEqualTo(1);
        assertThat(EjectionMath.maxEjected(10, 0)).isZero();
    }

    @Test
    void theCountDecaysOneStepPerQuietEjectionTime() {
        assertThat(EjectionMath.decayed(3, 0, 30)).isEqualTo(3);
        assertThat(EjectionMath.decayed(3, 29, 30)).isEqualTo(3);
        assertThat(EjectionMath.decayed(3, 30, 30)).isEqualTo(2);
        assertThat(EjectionMath.decayed(3, 65, 30)).isEqualTo(1);
        assertThat(EjectionMath.decayed(3, 1000, 30)).isZero();
    }
}
