package io.balance.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StatusRangesTest {
    private static final String NOT_A_LIST = " is not a status list; use codes or ranges such as 200-399 or 200,204";

    @Test
    void rejectsWordsAndWildcards() {
        assertThatThrownBy(() -> StatusRanges.parse("2xx")).hasMessage("\"2xx\"" + NOT_A_LIST);
        assertThatThrownBy(() -> StatusRanges.parse("ok")).hasMessage("\"ok\"" + NOT_A_LIST);
        assertThatThrownBy(() -> StatusRanges.parse("20")).hasMessage("\"20\"" + NOT_A_LIST);
        assertThatThrownBy(() -> StatusRanges.parse("2000")).hasMessage("\"2000\"" + NOT_A_LIST);
        assertThatThrownBy(() -> StatusRanges.parse("200-")).hasMessage("\"200-\"" + NOT_A_LIST);
        assertThatThrownBy(() -> StatusRanges.parse("200-300-400")).hasMessage("\"200-300-400\"" + NOT_A_LIST);
    }

    @Test
    void rejectsEmptyEntries() {
        assertThatThrownBy(() -> StatusRanges.parse("200,,204")).hasMessage("empty entry in status list \"200,,204\"");
        assertThatThrownBy(() -> StatusRanges.parse("")).hasMessage("empty entry in status list \"\"");
    }

    @Test
    void rejectsCodesOutsideHttp() {
        assertThatThrownBy(() -> StatusRanges.parse("099")).hasMessage("status 99 is outside 100-599");
        assertThatThrownBy(() -> StatusRanges.parse("200-600")).hasMessage("status 600 is outside 100-599");
    }

    @Test
    void rejectsBackwardRanges() {
        assertThatThrownBy(() -> StatusRanges.parse("399-200")).hasMessage("range 399-200 runs backwards");
    }

    @Test
    void matchesSingleCodes() {
        StatusRanges ranges = StatusRanges.parse("200,204");
        assertThat(ranges.matches(200)).isTrue();
        assertThat(ranges.matches(204)).isTrue();
        assertThat(ranges.matches(201)).isFalse();
    }

    @Test
    void matchesRangesInclusively() {
        StatusRanges ranges = StatusRanges.parse("200-399");
        assertThat(ranges.matches(199)).isFalse();
        assertThat(ranges.matches(200)).isTrue();
        assertThat(ranges.matches(399)).isTrue();
        assertThat(ranges.matches(400)).isFalse();
    }

    @Test
    void mixesCodesAndRangesWithSpaces() {
        StatusRanges ranges = StatusRanges.parse(" 200 - 299 , 404 ");
        assertThat(ranges.matches(250)).isTrue();
        assertThat(ranges.matches(404)).isTrue();
        assertThat(ranges.matches(403)).isFalse();
        assertThat(ranges.ranges()).hasSize(2);
    }
}
