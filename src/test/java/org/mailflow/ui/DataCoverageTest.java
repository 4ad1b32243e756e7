package org.mailflow.ui;

import org.mailflow.ui.I18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mailflow.model.DayWindow;

/** The page subtitle says how far the data goes when it does not cover the window shown. */
class DataCoverageTest {
    private static final I18n EN = new I18n(Locale.ENGLISH);
    private static final I18n ZH = new I18n(I18n.ZH_TW);
    private static final DayWindow WINDOW = new DayWindow(LocalDate.of(2026, 9, 14), LocalDate.of(2026, 11, 12));

    private static Optional<DayWindow> data(LocalDate first, LocalDate last) {
        return Optional.of(new DayWindow(first, last));
    }

    @Test
    void aWindowTheDataCoversIsJustItsDates() {
        assertThat(DataCoverage.subtitle(EN, WINDOW, data(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 11, 12))))
                .isEqualTo("14 Sep – 12 Nov 2026");
        assertThat(DataCoverage.subtitle(EN, WINDOW, Optional.empty())).isEqualTo("14 Sep – 12 Nov 2026");
    }

    @Test
    void aWindowStartingBeforeTheFirstDataDaySaysDataFrom() {
        assertThat(DataCoverage.subtitle(EN, WINDOW, data(LocalDate.of(2026, 9, 24), LocalDate.of(2026, 11, 12))))
                .isEqualTo("14 Sep – 12 Nov 2026 · data from 24 Sep");
        assertThat(DataCoverage.subtitle(ZH, WINDOW, data(LocalDate.of(2026, 9, 24), LocalDate.of(2026, 11, 12))))
                .endsWith(" · 資料自 9月24日 起");
    }

    @Test
    void aWindowEndingAfterTheLastDataDaySaysDataUntilAndBothEndsAreNamedWhenBothFallShort() {
        assertThat(DataCoverage.subtitle(EN, WINDOW, data(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 11, 3))))
                .isEqualTo("14 Sep – 12 Nov 2026 · data until 3 Nov");
        assertThat(DataCoverage.subtitle(EN, WINDOW, data(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 11, 3))))
                .isEqualTo("14 Sep – 12 Nov 2026 · data from 1 Oct to 3 Nov");
        assertThat(DataCoverage.subtitle(ZH, WINDOW, data(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 11, 3))))
                .endsWith(" · 資料自 10月1日 至 11月3日");
    }

    @Test
    void dataOutsideTheWindowIsSaidAndAnotherYearIsNamed() {
        assertThat(DataCoverage.subtitle(EN, WINDOW, data(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31))))
                .isEqualTo("14 Sep – 12 Nov 2026 · no data in these dates");
        DayWindow january = new DayWindow(LocalDate.of(2025, 12, 20), LocalDate.of(2026, 1, 10));
        assertThat(DataCoverage.subtitle(EN, january, data(LocalDate.of(2025, 12, 28), LocalDate.of(2026, 3, 1))))
                .endsWith(" · data from 28 Dec 2025");
        assertThat(DataCoverage.subtitle(ZH, january, data(LocalDate.of(2025, 12, 28), LocalDate.of(2026, 3, 1))))
                .endsWith(" · 資料自 2025年12月28日 起");
    }
}
