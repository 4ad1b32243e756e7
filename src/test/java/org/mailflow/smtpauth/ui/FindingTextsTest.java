package org.mailflow.smtpauth.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.mailflow.ui.I18n;
import org.mailflow.smtpauth.SmtpFlag;
import org.mailflow.smtpauth.UnusualActivity;

/** The evidence lines of the place flags (SPEC 2.5) in the sender panel, in both languages. */
class FindingTextsTest {
    private static final LocalDate DAY = LocalDate.of(2026, 11, 12);
    private final FindingTexts english = new FindingTexts(new I18n(Locale.ENGLISH));

    @Test
    void newCountryNamesTheCountryTheIpAndTheHistory() {
        UnusualActivity.Finding f = new UnusualActivity.Finding(SmtpFlag.NEW_COUNTRY, DAY, 0, 14,
                new UnusualActivity.NewCountry("DE", "192.0.2.7", LocalDate.of(2026, 9, 1)));
        assertThat(english.evidence(f)).containsExactly("First message from Germany (192.0.2.7) on 12 Nov 2026; history since 1 Sep 2026");
        assertThat(new FindingTexts(new I18n(I18n.ZH_TW)).evidence(f).get(0)).contains("德國").contains("192.0.2.7");
    }

    @Test
    void impossibleTravelGivesBothPlacesAndTimesAndSaysWhenCountryCentresWereCompared() {
        long from = DAY.toEpochDay() * 86_400 + 8 * 3600;
        UnusualActivity.Finding f = new UnusualActivity.Finding(SmtpFlag.IMPOSSIBLE_TRAVEL, DAY, 6_200, 1000,
                new UnusualActivity.Travel("192.0.2.7", "DE", "", from, "198.51.100.9", "US", "Chicago", from + 1800, 6_930.4, 13_860.8, true));
        assertThat(english.evidence(f)).containsExactly(
                "Germany (192.0.2.7) at 2026-11-12 08:00 UTC, then Chicago, United States (198.51.100.9) at 2026-11-12 08:30 UTC: "
                        + "6,930 km apart, 13,861 km/h",
                "Distance between the countries' centres: no city database is configured.");
    }

    @Test
    void aSprayedIpNamesTenOfTheAccountsItFailedOnAndCountsTheRest() {
        List<String> accounts = IntStream.rangeClosed(1, 13).mapToObj(i -> "u" + i + "@contoso.example").toList();
        UnusualActivity.Finding f = new UnusualActivity.Finding(SmtpFlag.SPRAYED_IP, DAY, 13, 5,
                new UnusualActivity.Spray("203.0.113.9", accounts));
        String text = english.evidence(f).get(0);
        assertThat(text).startsWith("Sent from 203.0.113.9 on 12 Nov 2026, which failed to sign in as 13 accounts that day: "
                + "u1@contoso.example, u2@contoso.example,");
        assertThat(text).endsWith("u10@contoso.example and 3 more").doesNotContain("u11@");
    }
}
