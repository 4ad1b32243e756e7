package org.mailflow.ingest.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SPEC 5: the year rule of classic syslog timestamps, and RFC 3339 stamps. */
class PostfixSyslogTimeTest {
    private static long utc(String iso) {
        return OffsetDateTime.parse(iso).toEpochSecond();
    }

    /** Feeds the lines in order and resolves each one's stamp (the first three fields). */
    private static List<Long> resolve(SyslogTime t, List<String> lines) {
        return lines.stream().map(l -> {
            t.observe(l);
            String[] p = l.split(" +");
            return t.classic(p[0] + " " + p[1] + " " + p[2]);
        }).toList();
    }

    private static final List<String> DEC_TO_JAN = List.of(
            "Dec 30 23:00:00 mx postfix/qmgr[1]: x",
            "Dec 31 23:59:59 mx postfix/qmgr[1]: x",
            "Jan  1 00:00:01 mx postfix/qmgr[1]: x",
            "Jan  2 08:00:00 mx postfix/qmgr[1]: x");

    @Test
    void explicitYearIsTheFirstLinesYearAndStepsForwardAtDecemberToJanuary() {
        List<Long> times = resolve(SyslogTime.startingIn(2025), DEC_TO_JAN);
        assertThat(times).containsExactly(
                utc("2025-12-30T23:00:00Z"), utc("2025-12-31T23:59:59Z"),
                utc("2026-01-01T00:00:01Z"), utc("2026-01-02T08:00:00Z"));
    }

    @Test
    void withoutYearTheLastLineFallsInTheModificationYearSteppingBackAtOneRollover() {
        int rollovers = SyslogTime.countRollovers(DEC_TO_JAN.iterator());
        assertThat(rollovers).isEqualTo(1);
        SyslogTime t = SyslogTime.endingIn(LocalDate.of(2027, 1, 3), rollovers);
        List<Long> times = resolve(t, DEC_TO_JAN);
        assertThat(times).containsExactly(
                utc("2026-12-30T23:00:00Z"), utc("2026-12-31T23:59:59Z"),
                utc("2027-01-01T00:00:01Z"), utc("2027-01-02T08:00:00Z"));
        assertThat(t.currentYear()).isEqualTo(2027);
    }

    @Test
    void rolloversAreCountedOverAllLinesAndIgnoreNonClassicOnes() {
        List<String> lines = List.of(
                "Nov 30 10:00:00 a b[1]: x", "garbage", "", "2026-01-01T00:00:00Z a b[1]: x",
                "Dec  1 10:00:00 a b[1]: x", "Jan  1 10:00:00 a b[1]: x", "Jan  1 11:00:00 a b[1]: x",
                "Dec  1 10:00:00 a b[1]: x", "Feb  1 10:00:00 a b[1]: x");
        assertThat(SyslogTime.countRollovers(lines.iterator())).isEqualTo(2);
        assertThat(PostfixParser.countRollovers(lines.iterator())).isEqualTo(2);
    }

    @Test
    void noRolloverMeansTheWholeFileIsInTheModificationYear() {
        List<String> lines = List.of("Mar  1 10:00:00 a b[1]: x", "Mar  2 10:00:00 a b[1]: x");
        SyslogTime t = SyslogTime.endingIn(2026, SyslogTime.countRollovers(lines.iterator()));
        assertThat(resolve(t, lines)).containsExactly(utc("2026-03-01T10:00:00Z"), utc("2026-03-02T10:00:00Z"));
    }

    @Test
    void invalidClassicDatesAndTimesResolveToNull() {
        SyslogTime t = SyslogTime.startingIn(2026); // not a leap year
        assertThat(t.classic("Feb 29 10:00:00")).isNull();
        assertThat(t.classic("Nov 12 25:00:00")).isNull();
        assertThat(t.classic("Xyz 12 10:00:00")).isNull();
        assertThat(t.classic("Nov 12 1000:00")).isNull();
        assertThat(SyslogTime.startingIn(2028).classic("Feb 29 10:00:00")).isEqualTo(utc("2028-02-29T10:00:00Z"));
        assertThat(t.classic("Nov 12 08:30:00.123456")).isEqualTo(utc("2026-11-12T08:30:00Z"));
    }

    @Test
    void rfc3339OffsetsAreHonouredAndNoOffsetIsUtc() {
        assertThat(SyslogTime.rfc3339("2026-11-12T08:30:00.123456+01:00")).isEqualTo(utc("2026-11-12T07:30:00Z"));
        assertThat(SyslogTime.rfc3339("2026-11-12T08:30:00Z")).isEqualTo(utc("2026-11-12T08:30:00Z"));
        assertThat(SyslogTime.rfc3339("2026-11-12T08:30:00")).isEqualTo(utc("2026-11-12T08:30:00Z"));
        assertThat(SyslogTime.rfc3339("2026-13-12T08:30:00Z")).isNull();
    }
}
