package org.mailflow.ingest.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Rfc5322DateTest {
    @Test
    void datesAreReadWithOffsetAndComment() {
        assertThat(Rfc5322Date.epochSecond("Thu, 12 Nov 2026 08:30:00 +0100 (CET)"))
                .isEqualTo(OffsetDateTime.parse("2026-11-12T07:30:00Z").toEpochSecond());
        assertThat(Rfc5322Date.epochSecond("12 Nov 2026 08:30 GMT")).isEqualTo(OffsetDateTime.parse("2026-11-12T08:30:00Z").toEpochSecond());
        assertThat(Rfc5322Date.epochSecond(" Thu, 12 Nov 2026 08:30:00 UT")).isEqualTo(OffsetDateTime.parse("2026-11-12T08:30:00Z").toEpochSecond());
        assertThat(Rfc5322Date.epochSecond("yesterday")).isEqualTo(Rfc5322Date.UNREADABLE);
        assertThat(Rfc5322Date.epochSecond(null)).isEqualTo(Rfc5322Date.UNREADABLE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Thu, 12 Nov 2026 08:30:00 +0000", "12 Nov 2026 08:30 +0100", "Mon,  2 Nov 2026 23:59:59 -0930 (PST)",
        "Tue, 29 Feb 2028 00:00:00 +1400", "Mon, 1 Jan 2024 00:00:01 -0000"})
    void theFastDateReaderAgreesWithTheGeneralParser(String date) {
        long general = ZonedDateTime.parse(date.replaceAll("\\s*\\(.*\\)$", "").replaceAll("\\s+", " ").strip(),
                DateTimeFormatter.RFC_1123_DATE_TIME).toEpochSecond();
        assertThat(Rfc5322Date.fastDate(date)).isEqualTo(general);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Thu, 12 Nov 2026 08:30:00 GMT", "12 Nov 26 08:30 +0000", "31 Feb 2026 08:30 +0000",
        "12 Nov 2026 08:30:00 +0000 junk", "yesterday", "12 Nov 2026 25:00:00 +0000"})
    void otherShapesAreLeftToTheGeneralParser(String date) {
        assertThat(Rfc5322Date.fastDate(date)).isEqualTo(Rfc5322Date.UNREADABLE);
    }
}
