package org.mailflow.ingest.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The importer reads the stamps of SASL lines from their bytes. Whatever it reads must be what the
 * text reading gives; whatever it is not sure of it must leave to the text reading (UNREAD).
 */
class SyslogStampBytesTest {
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

    /** The byte reading of an RFC 3339 stamp: the text reading's value, or UNREAD. */
    private static void sameAsText(String stamp) {
        byte[] b = stamp.getBytes(StandardCharsets.US_ASCII);
        long fromBytes = SyslogTime.rfc3339Stamp(b, 0, b.length);
        Long fromText = SyslogTime.rfc3339(stamp);
        if (fromBytes != SyslogTime.UNREAD) {
            assertThat(fromText).as(stamp).isNotNull().isEqualTo(fromBytes);
        }
    }

    @Test
    void rfc3339StampsReadFromBytesAreWhatTheTextGives() {
        List<String> read = new ArrayList<>();
        for (String s : List.of("2026-11-12T08:30:00.123456+01:00", "2026-11-12T08:30:00Z", "2026-11-12T08:30:00",
                "2024-02-29T23:59:59.9-05:30", "2026-01-01T00:00:00.000000000+00:00", "1999-12-31T23:59:59-00:00",
                // journald before systemd 255 ("journalctl -o short-iso") writes the offset without its colon
                "2026-11-12T08:30:00+0100", "2026-11-12T08:30:00.5-0530", "2026-11-12T08:30:00+01")) {
            byte[] b = s.getBytes(StandardCharsets.US_ASCII);
            assertThat(SyslogTime.rfc3339Stamp(b, 0, b.length)).as(s).isEqualTo(SyslogTime.rfc3339(s));
            read.add(s);
        }
        // shapes the byte reading leaves to the text: lower-case t or z, no seconds, ten fraction digits,
        // a lone dot, days that do not exist, hour 24, a leap second, an offset of 18 hours, junk after it
        for (String s : List.of("2026-11-12t08:30:00Z", "2026-11-12T08:30:00z", "2026-11-12T08:30", "2026-11-12T08:30:00.1234567891Z",
                "2026-11-12T08:30:00.Z", "2026-02-29T08:30:00Z", "2026-04-31T08:30:00Z", "2026-11-12T24:00:00Z", "2026-06-30T23:59:60Z",
                "2026-11-12T08:30:00+18:00", "2026-11-12T08:30:00+01:00x", "2026-11-12T08:30:00+010", "+2026-11-12T08:30:00Z",
                "2026-13-12T08:30:00Z", "2026-11-00T08:30:00Z", "2026-11-12 08:30:00")) {
            byte[] b = s.getBytes(StandardCharsets.US_ASCII);
            assertThat(SyslogTime.rfc3339Stamp(b, 0, b.length)).as(s).isEqualTo(SyslogTime.UNREAD);
            sameAsText(s);
        }
        Random r = new Random(11);
        String digits = "0123456789";
        for (int n = 0; n < 20_000; n++) {
            char[] c = "2026-11-12T08:30:00.123+01:00".toCharArray();
            for (int k = 0; k < 1 + r.nextInt(3); k++) {
                int at = r.nextInt(c.length);
                c[at] = r.nextInt(4) == 0 ? "-:T.Z+x ".charAt(r.nextInt(8)) : digits.charAt(r.nextInt(10));
            }
            String s = new String(c);
            sameAsText(s);
            sameAsText(s.substring(0, 19 + r.nextInt(c.length - 19)));
        }
        assertThat(read).hasSize(9);
    }

    @Test
    void classicStampsReadFromBytesAreWhatTheTextGives() {
        SyslogTime common = SyslogTime.startingIn(2026);
        SyslogTime leap = SyslogTime.startingIn(2024);
        Random r = new Random(5);
        int read = 0;
        for (int n = 0; n < 20_000; n++) {
            int month = 1 + r.nextInt(12);
            String day = r.nextInt(10) == 0 ? "0" + r.nextInt(10) : String.valueOf(r.nextInt(34));
            String pad = day.length() == 1 && r.nextBoolean() ? " " : "";
            String time = String.format("%02d:%02d:%02d", r.nextInt(26), r.nextInt(62), r.nextInt(62))
                    + (r.nextInt(4) == 0 ? ".123456" : r.nextInt(20) == 0 ? "x" : "");
            String stamp = MONTHS[month - 1] + " " + pad + day + " " + time;
            byte[] b = stamp.getBytes(StandardCharsets.US_ASCII);
            int dayAt = 4 + pad.length();
            int dayEnd = stamp.indexOf(' ', dayAt);
            long packed = SyslogTime.classicStamp(b, dayAt, dayEnd, b.length, month);
            if (packed == SyslogTime.UNREAD) {
                continue;
            }
            read++;
            assertThat(common.classic(packed)).as(stamp).isEqualTo(common.classic(stamp));
            assertThat(leap.classic(packed)).as(stamp).isEqualTo(leap.classic(stamp));
        }
        assertThat(read).isGreaterThan(5_000);
        // Feb 29 is read from the bytes, and exists only in a leap year, as in the text reading
        byte[] feb29 = "Feb 29 12:00:00".getBytes(StandardCharsets.US_ASCII);
        long packed = SyslogTime.classicStamp(feb29, 4, 6, feb29.length, 2);
        assertThat(common.classic(packed)).isNull();
        assertThat(leap.classic(packed)).isEqualTo(leap.classic("Feb 29 12:00:00")).isNotNull();
    }
}
