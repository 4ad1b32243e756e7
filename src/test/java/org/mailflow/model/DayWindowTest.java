package org.mailflow.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SPEC 1: windows of whole days ending on the as-of day, labelled like "14 Sep – 12 Nov 2026". */
class DayWindowTest {
    private static final LocalDate AS_OF = LocalDate.of(2026, 11, 12);

    @ParameterizedTest(name = "{1}-day window ending 2026-11-12 starts {2}")
    @CsvSource({
            // days computed by hand: Nov 12 - (days - 1)
            "2026-11-12, 1,  2026-11-12",
            "2026-11-12, 7,  2026-11-06",
            "2026-11-12, 30, 2026-10-14",
            "2026-11-12, 60, 2026-09-14",
            "2026-11-12, 90, 2026-08-15",
            "2027-01-05, 10, 2026-12-27",
    })
    void endingOnStartsDaysMinusOneBeforeTheAsOfDayAndEndsOnIt(LocalDate asOf, int days, LocalDate first) {
        DayWindow w = DayWindow.endingOn(asOf, days);
        assertThat(w.first()).isEqualTo(first);
        assertThat(w.last()).isEqualTo(asOf);
        assertThat(w.days()).isEqualTo(days);
    }

    @Test
    void containsIsInclusiveAtBothEndsAndExcludesTheDaysOutside() {
        DayWindow w = DayWindow.endingOn(AS_OF, 60);
        long first = LocalDate.of(2026, 9, 14).toEpochDay();
        long last = AS_OF.toEpochDay();
        assertThat(w.firstEpochDay()).isEqualTo(first);
        assertThat(w.lastEpochDay()).isEqualTo(last);
        assertThat(w.contains(first)).isTrue();
        assertThat(w.contains(last)).isTrue();
        assertThat(w.contains(first + 30)).isTrue();
        assertThat(w.contains(first - 1)).isFalse();
        assertThat(w.contains(last + 1)).isFalse();
    }

    @Test
    void sixtyDayWindowEndingTwelfthNovember2026IsLabelledAsInTheSpec() {
        assertThat(DayWindow.endingOn(AS_OF, 60).label(Locale.ENGLISH)).isEqualTo("14 Sep \u2013 12 Nov 2026");
    }

    @Test
    void labelOfAWindowAcrossNewYearShowsBothYears() {
        assertThat(DayWindow.endingOn(LocalDate.of(2027, 1, 5), 10).label(Locale.ENGLISH))
                .isEqualTo("27 Dec 2026 \u2013 5 Jan 2027");
    }

    @Test
    void labelOfAOneDayWindowIsThatSingleDay() {
        assertThat(DayWindow.endingOn(AS_OF, 1).label(Locale.ENGLISH)).isEqualTo("12 Nov 2026");
    }

    @Test
    void aWindowOfLessThanOneDayIsRejected() {
        assertThatThrownBy(() -> DayWindow.endingOn(AS_OF, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DayWindow(AS_OF, AS_OF.minusDays(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
