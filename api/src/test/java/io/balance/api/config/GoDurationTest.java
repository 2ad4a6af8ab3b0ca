package io.balance.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GoDurationTest {
    @Test
    void parsesGoSpellings() {
        assertThat(GoDuration.parse("100ms")).isEqualTo(Duration.ofMillis(100));
        assertThat(GoDuration.parse("5s")).isEqualTo(Duration.ofSeconds(5));
        assertThat(GoDuration.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(GoDuration.parse("1.5h")).isEqualTo(Duration.ofMinutes(90));
        assertThat(GoDuration.parse("250us")).isEqualTo(Duration.ofNanos(250_000));
        assertThat(GoDuration.parse("0")).isEqualTo(Duration.ZERO);
        assertThat(GoDuration.parse("-2s")).isEqualTo(Duration.ofSeconds(-2));
    }

    @Test
    void rejectsNumbersWithoutUnitsAndGarbage() {
        assertThatThrownBy(() -> GoDuration.parse("5")).hasMessageContaining("invalid duration \"5\"");
        assertThatThrownBy(() -> GoDuration.parse("5 s")).hasMessageContaining("invalid duration");
        assertThatThrownBy(() -> GoDuration.parse("5d")).hasMessageContaining("invalid duration");
        assertThatThrownBy(() -> GoDuration.parse("")).hasMessageContaining("empty duration");
        assertThatThrownBy(() -> GoDuration.parse("1s ")).hasMessage("duration \"1s \" has spaces around it; write 1s");
        assertThatThrownBy(() -> GoDuration.parse("\t500ms")).hasMessage("duration \"\t500ms\" has spaces around it; write 500ms");
    }

    @Test
    void formatsLikeGo() {
        assertThat(GoDuration.format(Duration.ofMillis(100))).isEqualTo("100ms");
        assertThat(GoDuration.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
        assertThat(GoDuration.format(Duration.ofMillis(1500))).isEqualTo("1.5s");
        assertThat(GoDuration.format(Duration.ofHours(2))).isEqualTo("2h");
        assertThat(GoDuration.format(Duration.ZERO)).isEqualTo("0s");
    }
}
