package org.mailflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mailflow.ingest.ImportTestKit.gzip;
import static org.mailflow.ingest.ImportTestKit.run;
import static org.mailflow.ingest.ImportTestKit.utf8;
import static org.mailflow.ingest.ImportTestKit.write;
import static org.mailflow.ingest.ImportTestKit.writeBytes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailflow.cache.Cache;

/**
 * SPEC 5 "Real sources", end to end through {@link ImportJob}: Postfix and Exim logs into the SMTP AUTH
 * tables, with the traps of each format, the year rule, re-imports, grown and rotated logs, folders,
 * bad lines, cancel and failure.
 */
class LogImportTest {
    @TempDir
    Path dir;

    /** One stored submission, as the detailed report would show it. */
    private record Row(String account, String time, String tls, String cipher, String ip, String method, String messageId,
                       String domain) {
    }

    private static List<Row> submissions(Cache cache) throws Exception {
        return cache.read(c -> {
            List<Row> out = new ArrayList<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT a.address, m.time, m.tls, ci.value, ip.value, me.value, m.message_id, d.value FROM smtp_message m "
                            + "JOIN smtp_account a ON a.id = m.account_id JOIN smtp_name ci ON ci.id = m.cipher_id "
                            + "JOIN smtp_name ip ON ip.id = m.ip_id JOIN smtp_name me ON me.id = m.method_id "
                            + "JOIN smtp_name d ON d.id = m.domain_id ORDER BY m.time, m.message_id")) {
                while (rs.next()) {
                    out.add(new Row(rs.getString(1), Instant.ofEpochSecond(rs.getLong(2)).toString(),
                            org.mailflow.smtpauth.TlsVersion.ofCode(rs.getInt(3)).token(), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getString(7), rs.getString(8)));
                }
            }
            return out;
        });
    }

    /** Accounts with submissions, by day then address (from the daily aggregates, which hold every submission). */
    private static List<String> accounts(Cache cache) throws Exception {
        return cache.read(c -> {
            List<String> out = new ArrayList<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT a.address, sum(d.count) FROM smtp_detail d JOIN smtp_account a ON a.id = d.account_id "
                            + "GROUP BY d.day, a.address ORDER BY d.day, a.address")) {
                while (rs.next()) {
                    out.add(rs.getString(1) + (rs.getLong(2) == 1 ? "" : " x" + rs.getLong(2)));
                }
            }
            return out;
        });
    }

    private static long count(Cache cache, String sql) throws Exception {
        return cache.read(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private static String failures(Cache cache) throws Exception {
        return cache.read(c -> {
            StringBuilder sb = new StringBuilder();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT f.day, a.address, f.count FROM smtp_auth_failure f JOIN smtp_account a ON a.id = f.account_id "
                            + "ORDER BY f.day, a.address")) {
                while (rs.next()) {
                    sb.append(java.time.LocalDate.ofEpochDay(rs.getLong(1))).append(' ').append(rs.getString(2)).append(' ')
                            .append(rs.getLong(3)).append('\n');
                }
            }
            return sb.toString();
        });
    }

    private Cache cache() throws Exception {
        return Cache.open(dir.resolve("cache.db"));
    }

    private static ImportSummary runWithYear(Cache cache, int year, Path... files) throws Exception {
        return new ImportJob(cache, new ImportOptions(Optional.empty(), false, OptionalInt.of(year)))
                .run(Arrays.asList(files), ImportProgress.NONE, () -> false);
    }

    private static final String TLS13 = "Anonymous TLS connection established from laptop[192.0.2.10]: TLSv1.3 with cipher "
            + "TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519 server-signature RSA-PSS (2048 bits) server-digest SHA256";

    /** Two connections in turn on one smtpd process: TLS 1.3 for the first, none for the second. */
    private static final String POSTFIX = String.join("\n",
            "Nov 12 08:00:00 mx1 postfix/submission/smtpd[100]: connect from laptop[192.0.2.10]",
            "Nov 12 08:00:00 mx1 postfix/submission/smtpd[100]: " + TLS13,
            "Nov 12 08:00:01 mx1 postfix/submission/smtpd[100]: 4A1B2C3D4E: client=laptop[192.0.2.10], sasl_method=PLAIN, "
                    + "sasl_username=Alice@Example.com",
            "Nov 12 08:00:01 mx1 postfix/cleanup[200]: 4A1B2C3D4E: message-id=<m1@example.com>",
            "Nov 12 08:00:01 mx1 postfix/qmgr[300]: 4A1B2C3D4E: from=<alice@example.com>, size=1200, nrcpt=1 (queue active)",
            "Nov 12 08:00:02 mx1 postfix/smtp[400]: 4A1B2C3D4E: to=<x@remote.example>, relay=mx.remote.example[198.51.100.7]:25, "
                    + "delay=1, dsn=2.0.0, status=sent (250 OK)",
            "Nov 12 08:00:02 mx1 postfix/qmgr[300]: 4A1B2C3D4E: removed",
            "Nov 12 08:00:02 mx1 postfix/submission/smtpd[100]: disconnect from laptop[192.0.2.10] ehlo=2 starttls=1 auth=1 quit=1",
            "Nov 12 08:05:00 mx1 postfix/submission/smtpd[100]: connect from printer[192.0.2.20]",
            "Nov 12 08:05:01 mx1 postfix/submission/smtpd[100]: 5B2C3D4E5F: client=printer[192.0.2.20], sasl_method=LOGIN, "
                    + "sasl_username=scanner",
            "Nov 12 08:05:01 mx1 postfix/cleanup[200]: 5B2C3D4E5F: message-id=<m2@example.com>",
            "Nov 12 08:05:01 mx1 postfix/qmgr[300]: 5B2C3D4E5F: from=<scanner@corp.example>, size=99, nrcpt=1 (queue active)",
            "Nov 12 08:05:02 mx1 postfix/qmgr[300]: 5B2C3D4E5F: removed",
            "Nov 12 08:05:02 mx1 postfix/submission/smtpd[100]: disconnect from printer[192.0.2.20]",
            "Nov 12 08:06:00 mx1 postfix/smtpd[101]: connect from mail.sender.example[203.0.113.9]",
            "Nov 12 08:06:00 mx1 postfix/smtpd[101]: Untrusted TLS connection established from mail.sender.example[203.0.113.9]: "
                    + "TLSv1.2 with cipher ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits)",
            "Nov 12 08:06:01 mx1 postfix/smtpd[101]: 6C3D4E5F60: client=mail.sender.example[203.0.113.9]",
            "Nov 12 08:06:01 mx1 postfix/cleanup[200]: 6C3D4E5F60: message-id=<inbound@sender.example>",
            "Nov 12 08:06:01 mx1 postfix/qmgr[300]: 6C3D4E5F60: from=<news@sender.example>, size=5000, nrcpt=1 (queue active)",
            "Nov 12 08:06:02 mx1 postfix/qmgr[300]: 6C3D4E5F60: removed",
            "Nov 12 08:07:00 mx1 postfix/smtpd[101]: warning: unknown[203.0.113.66]: SASL LOGIN authentication failed: "
                    + "UGFzc3dvcmQ6, sasl_username=bob@example.com",
            "Nov 12 08:07:05 mx1 postfix/smtpd[101]: warning: unknown[203.0.113.66]: SASL LOGIN authentication failed: "
                    + "UGFzc3dvcmQ6, sasl_username=bob@example.com",
            "Nov 12 08:07:09 mx1 dovecot: imap-login: Login: user=<alice@example.com>, method=PLAIN, rip=192.0.2.10",
            "");

    @Test
    void postfixSubmissionsCarryTheTlsOfTheirOwnConnectionAndInboundMailIsIgnored() throws Exception {
        Path log = write(dir, "mail.log", POSTFIX);
        try (Cache cache = cache()) {
            ImportSummary s = runWithYear(cache, 2026, log);
            ImportSummary.FileResult f = s.files().get(0);
            assertThat(f.format()).isEqualTo("postfix");
            assertThat(f.submissions()).isEqualTo(2);
            assertThat(f.authFailures()).isEqualTo(2);
            assertThat(f.read()).isEqualTo(23);
            assertThat(f.badRowCount()).isZero();
            assertThat(submissions(cache)).containsExactly(
                    new Row("alice@example.com", "2026-11-12T08:00:01Z", "TLS1.3", "TLS_AES_256_GCM_SHA384", "192.0.2.10", "PLAIN",
                            "m1@example.com", "example.com"),
                    // same smtpd process, next connection: no TLS line in it, so none; the bare name takes the envelope's domain
                    new Row("scanner", "2026-11-12T08:05:01Z", "none", "", "192.0.2.20", "LOGIN", "m2@example.com", "corp.example"));
            assertThat(failures(cache)).isEqualTo("2026-11-12 bob@example.com 2\n");
            assertThat(s.describe()).contains("mail.log: 2 submissions and 2 failed authentications imported (postfix, 23 lines read");
        }
    }

    @Test
    void rfc3339StampsKeepTheirOffsetAndNeedNoYear() throws Exception {
        Path log = write(dir, "maillog", String.join("\n",
                "2026-11-12T09:00:00.123456+01:00 mx1 postfix/submission/smtpd[7]: connect from a[192.0.2.1]",
                "2026-11-12T09:00:01.000000+01:00 mx1 postfix/submission/smtpd[7]: 7D4E5F6071: client=a[192.0.2.1], "
                        + "sasl_method=PLAIN, sasl_username=carol@example.com",
                "2026-11-12T09:00:01.000100+01:00 mx1 postfix/cleanup[8]: 7D4E5F6071: message-id=<r1@example.com>",
                ""));
        try (Cache cache = cache()) {
            run(cache, log);
            assertThat(submissions(cache)).extracting(Row::time).containsExactly("2026-11-12T08:00:01Z");
        }
    }

    private static final String ROLLOVER = String.join("\n",
            "Dec 31 23:59:59 mx1 postfix/submission/smtpd[1]: 8E5F607182: client=a[192.0.2.1], sasl_method=PLAIN, sasl_username=a@x.example",
            "Dec 31 23:59:59 mx1 postfix/cleanup[2]: 8E5F607182: message-id=<y1@x.example>",
            "Jan  1 00:00:01 mx1 postfix/submission/smtpd[1]: 9F60718293: client=a[192.0.2.1], sasl_method=PLAIN, sasl_username=a@x.example",
            "Jan  1 00:00:01 mx1 postfix/cleanup[2]: 9F60718293: message-id=<y2@x.example>",
            "");

    @Test
    void yearOptionIsTheYearOfTheFirstLineAndStepsForwardAtDecemberToJanuary() throws Exception {
        Path log = write(dir, "mail.log", ROLLOVER);
        try (Cache cache = cache()) {
            runWithYear(cache, 2025, log);
            assertThat(submissions(cache)).extracting(Row::time).containsExactly("2025-12-31T23:59:59Z", "2026-01-01T00:00:01Z");
        }
    }

    @Test
    void withoutYearTheLastLineFallsInTheYearOfTheFilesModificationTime() throws Exception {
        Path log = write(dir, "mail.log", ROLLOVER);
        Files.setLastModifiedTime(log, FileTime.from(Instant.parse("2027-01-03T10:00:00Z")));
        try (Cache cache = cache()) {
            run(cache, log);
            assertThat(submissions(cache)).extracting(Row::time).containsExactly("2026-12-31T23:59:59Z", "2027-01-01T00:00:01Z");
        }
    }

    /**
     * Two rollovers close together at the start of a long log: the rollovers are guessed from one
     * line per part of the file (LogImporter.guessRollovers), which sees only one of them here, so
     * the first reading dates the lines a year late; the count made while reading shows it and the
     * file is read again. What is stored must be as if the guess had been right: each submission
     * once, on its right day, and the failures too.
     */
    @Test
    void aRolloverTheGuessMissesIsFoundWhileReadingAndTheLogIsReadAgain() throws Exception {
        StringBuilder sb = new StringBuilder();
        sb.append("Nov 30 10:00:00 mx1 postfix/submission/smtpd[1]: 1A2B3C4D5E: client=a[192.0.2.1], sasl_method=PLAIN, "
                + "sasl_username=first@x.example\n");
        sb.append("Nov 30 10:00:00 mx1 postfix/cleanup[2]: 1A2B3C4D5E: message-id=<f1@x.example>\n");
        sb.append("Dec 31 23:00:00 mx1 postfix/smtpd[5]: warning: unknown[203.0.113.66]: SASL LOGIN authentication failed: x, "
                + "sasl_username=bob@x.example\n");
        sb.append("Jan  2 10:00:00 mx1 postfix/anvil[9]: statistics\n");
        sb.append("Dec 30 10:00:00 mx1 postfix/anvil[9]: statistics\n");
        sb.append("Feb 29 10:00:00 mx1 postfix/submission/smtpd[1]: 2B3C4D5E6F: client=a[192.0.2.1], sasl_method=PLAIN, "
                + "sasl_username=leap@x.example\n");
        sb.append("Feb 29 10:00:00 mx1 postfix/cleanup[2]: 2B3C4D5E6F: message-id=<f2@x.example>\n");
        for (int i = 0; sb.length() < 400_000; i++) {
            sb.append(String.format("Mar  1 10:%02d:%02d mx1 postfix/anvil[9]: statistics %d%n", i / 60 % 60, i % 60, i));
        }
        sb.append("Mar  2 10:00:00 mx1 postfix/submission/smtpd[1]: 3C4D5E6F70: client=a[192.0.2.1], sasl_method=PLAIN, "
                + "sasl_username=last@x.example\n");
        sb.append("Mar  2 10:00:00 mx1 postfix/cleanup[2]: 3C4D5E6F70: message-id=<f3@x.example>\n");
        Path log = write(dir, "mail.log", sb.toString());
        // the last line is in 2028, a leap year; the file began in November 2026
        Files.setLastModifiedTime(log, FileTime.from(Instant.parse("2028-03-05T10:00:00Z")));
        List<Long> progress = new ArrayList<>();
        try (Cache cache = cache()) {
            ImportSummary s = new ImportJob(cache, new ImportOptions(Optional.empty(), false, OptionalInt.empty()))
                    .run(List.of(log), (file, done, total) -> progress.add(done), () -> false);
            assertThat(submissions(cache)).extracting(Row::account, Row::time).containsExactly(
                    tuple("first@x.example", "2026-11-30T10:00:00Z"),
                    tuple("leap@x.example", "2028-02-29T10:00:00Z"),
                    tuple("last@x.example", "2028-03-02T10:00:00Z"));
            assertThat(failures(cache)).isEqualTo("2026-12-31 bob@x.example 1\n");
            assertThat(s.files()).singleElement().satisfies(f -> {
                assertThat(f.submissions()).isEqualTo(3);
                assertThat(f.authFailures()).isEqualTo(1);
                assertThat(f.badRowCount()).isZero();
            });
            assertThat(count(cache, "SELECT count(*) FROM source")).isEqualTo(1);
        }
        // the second reading starts the file's progress again rather than counting past its size
        long size = Files.size(log);
        assertThat(progress).allMatch(done -> done <= size);
        assertThat(progress.get(progress.size() - 1)).isEqualTo(size);
    }

    /** A compressed log cannot be sampled: its guess comes from its first line and modification time. */
    @Test
    void aCompressedLogRotatedInJanuaryIsDatedFromItsModificationTime() throws Exception {
        Path log = writeBytes(dir, "mail.log.2.gz", gzip(utf8(ROLLOVER)));
        Files.setLastModifiedTime(log, FileTime.from(Instant.parse("2027-01-03T10:00:00Z")));
        try (Cache cache = cache()) {
            run(cache, log);
            assertThat(submissions(cache)).extracting(Row::time).containsExactly("2026-12-31T23:59:59Z", "2027-01-01T00:00:01Z");
        }
    }

    @Test
    void reimportAddsNothingAndARenamedOrCompressedRotationIsRecognisedByContent() throws Exception {
        Path log = write(dir, "mail.log", POSTFIX);
        try (Cache cache = cache()) {
            runWithYear(cache, 2026, log);
            String before = ImportTestKit.dump(cache);
            Path rotated = Files.move(log, dir.resolve("mail.log.1"));
            Path compressed = writeBytes(dir, "mail.log.2.gz", gzip(utf8(POSTFIX)));
            ImportSummary again = runWithYear(cache, 2026, rotated, compressed);
            assertThat(again.files()).extracting(ImportSummary.FileResult::status)
                    .containsOnly(ImportSummary.Status.ALREADY_IMPORTED);
            assertThat(ImportTestKit.dump(cache)).isEqualTo(before);
        }
    }

    @Test
    void aGrownLogImportsOnlyItsNewLinesAndKnowsTheTlsOfAConnectionBegunBefore() throws Exception {
        String first = String.join("\n",
                "Nov 12 08:00:00 mx1 postfix/submission/smtpd[100]: connect from laptop[192.0.2.10]",
                "Nov 12 08:00:00 mx1 postfix/submission/smtpd[100]: " + TLS13,
                "Nov 12 08:00:01 mx1 postfix/submission/smtpd[100]: 4A1B2C3D4E: client=laptop[192.0.2.10], sasl_method=PLAIN, "
                        + "sasl_username=alice@example.com",
                "Nov 12 08:00:01 mx1 postfix/cleanup[200]: 4A1B2C3D4E: message-id=<m1@example.com>",
                "");
        String grown = first + String.join("\n",
                "Nov 12 08:00:03 mx1 postfix/submission/smtpd[100]: 5B1B2C3D4E: client=laptop[192.0.2.10], sasl_method=PLAIN, "
                        + "sasl_username=alice@example.com",
                "Nov 12 08:00:03 mx1 postfix/cleanup[200]: 5B1B2C3D4E: message-id=<m2@example.com>",
                "Nov 12 08:00:04 mx1 postfix/submission/smtpd[100]: disconnect from laptop[192.0.2.10]",
                "");
        Path log = write(dir, "mail.log", first);
        try (Cache cache = cache()) {
            runWithYear(cache, 2026, log);
            assertThat(submissions(cache)).extracting(Row::messageId).containsExactly("m1@example.com");
            write(dir, "mail.log", grown);
            ImportSummary s = runWithYear(cache, 2026, log);
            ImportSummary.FileResult f = s.files().get(0);
            assertThat(f.status()).isEqualTo(ImportSummary.Status.CONTINUED);
            assertThat(f.firstNewLine()).isEqualTo(5);
            assertThat(f.read()).isEqualTo(3);
            assertThat(f.submissions()).isEqualTo(1);
            assertThat(submissions(cache)).extracting(Row::messageId, Row::tls)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("m1@example.com", "TLS1.3"),
                            org.assertj.core.groups.Tuple.tuple("m2@example.com", "TLS1.3"));
            // and once more: nothing new
            assertThat(runWithYear(cache, 2026, log).files().get(0).status()).isEqualTo(ImportSummary.Status.ALREADY_IMPORTED);
            assertThat(count(cache, "SELECT count(*) FROM smtp_message")).isEqualTo(2);
        }
    }

    @Test
    void aFolderImportsRotatedLogsOldestFirstAndPassesOverOtherFiles() throws Exception {
        Path logs = Files.createDirectories(dir.resolve("log"));
        String day1 = "Nov 10 08:00:01 mx1 postfix/submission/smtpd[1]: 1A0000000A: client=a[192.0.2.1], sasl_method=PLAIN, "
                + "sasl_username=d1@x.example\n";
        String day2 = "Nov 11 08:00:01 mx1 postfix/submission/smtpd[1]: 2A0000000A: client=a[192.0.2.1], sasl_method=PLAIN, "
                + "sasl_username=d2@x.example\n";
        String day3 = "Nov 12 08:00:01 mx1 postfix/submission/smtpd[1]: 3A0000000A: client=a[192.0.2.1], sasl_method=PLAIN, "
                + "sasl_username=d3@x.example\n";
        write(logs, "mail.log", day3);
        write(logs, "mail.log.1", day2);
        writeBytes(logs, "mail.log.2.gz", gzip(utf8(day1)));
        writeBytes(logs, "lastlog", new byte[] {0, 1, 2, 3, 0, 0, 9});
        write(logs, "notes.txt", "remember to rotate\n");
        try (Cache cache = cache()) {
            ImportSummary s = runWithYear(cache, 2026, logs);
            assertThat(s.files()).filteredOn(f -> f.status() != ImportSummary.Status.SKIPPED)
                    .extracting(f -> f.file().getFileName().toString()).containsExactly("mail.log.2.gz", "mail.log.1", "mail.log");
            assertThat(s.skipped()).extracting(f -> f.file().getFileName().toString()).containsExactlyInAnyOrder("lastlog", "notes.txt");
            assertThat(s.describe()).contains("2 files in the folders passed over");
            assertThat(accounts(cache)).containsExactly("d1@x.example", "d2@x.example", "d3@x.example");
        }
    }

    @Test
    void cutOrGarbledRelevantLinesAreSkippedWithTheirLineNumbersAndTheRestIsImported() throws Exception {
        Path log = write(dir, "mail.log", String.join("\n",
                "Nov 12 08:00:01 mx1 postfix/submission/smtpd[1]: 1A0000000A: client=a[192.0.2.1], sasl_method=PLAIN, "
                        + "sasl_username=ok@x.example",
                "Nov 12 08:00:02 mx1 postfix/submission/smtpd[1]: 2A0000000A: client=a[192.0.2.1], sasl_method=PLAIN, sasl_user",
                "Nov 31 08:00:03 mx1 postfix/submission/smtpd[1]: 3A0000000A: client=a[192.0.2.1], sasl_method=PLAIN, "
                        + "sasl_username=baddate@x.example",
                "\u0000\u0000\u0000garbage sasl_username=x",
                "just some text",
                "Nov 12 08:00:05 mx1 postfix/submission/smtpd[1]: 5A0000000A: client=a[192.0.2.1], sasl_method=PLAIN, "
                        + "sasl_username=ok2@x.example",
                ""));
        try (Cache cache = cache()) {
            ImportSummary.FileResult f = runWithYear(cache, 2026, log).files().get(0);
            assertThat(f.submissions()).isEqualTo(2);
            assertThat(f.badRows()).extracting(ImportSummary.BadRow::line).containsExactly(2L, 3L, 4L);
            assertThat(f.badRowCount()).isEqualTo(3);
            assertThat(f.passedOver()).isEqualTo(1);
            assertThat(accounts(cache)).containsExactly("ok2@x.example", "ok@x.example");
        }
    }

    @Test
    void aHugeFieldIsABadLineNotAnAccountAndALineWithoutLineFeedsCannotExhaustMemory() throws Exception {
        String huge = "u".repeat(3_000_000);
        Path log = write(dir, "mail.log", String.join("\n",
                "Nov 12 08:00:01 mx1 postfix/submission/smtpd[1]: 1A0000000A: client=a[192.0.2.1], sasl_method=PLAIN, "
                        + "sasl_username=" + huge + "@x.example",
                "Nov 12 08:00:02 mx1 postfix/smtpd[2]: warning: unknown[203.0.113.6]: SASL LOGIN authentication failed: "
                        + "UGFzc3dvcmQ6, sasl_username=" + "v".repeat(2000),
                "Nov 12 08:00:03 mx1 postfix/submission/smtpd[1]: 2A0000000A: client=a[192.0.2.1], sasl_method=PLAIN, "
                        + "sasl_username=ok@x.example",
                "Nov 12 08:00:03 mx1 postfix/cleanup[3]: 2A0000000A: message-id=<" + "m".repeat(5000) + ">",
                ""));
        try (Cache cache = cache()) {
            ImportSummary.FileResult f = runWithYear(cache, 2026, log).files().get(0);
            assertThat(f.badRows()).extracting(ImportSummary.BadRow::line).containsExactly(1L, 2L);
            assertThat(f.badRows().get(0).reason()).contains("longer than 998 characters");
            assertThat(accounts(cache)).containsExactly("ok@x.example");
            assertThat(failures(cache)).isEmpty();
            // the message-id was too long to be one: the submission counts without it
            assertThat(count(cache, "SELECT count(*) FROM smtp_message")).isZero();
            assertThat(count(cache, "SELECT max(length(address)) FROM smtp_account")).isLessThanOrEqualTo(998);
        }
    }

    @Test
    void eximReceptionsWithAuthenticatorAreSubmissionsAndFailuresAreCounted() throws Exception {
        Path log = write(dir, "mainlog", String.join("\n",
                "2026-11-12 08:00:00 1vAbCd-000AbC-1x <= alice@example.com H=(laptop) [192.0.2.10]:51000 P=esmtpsa "
                        + "X=TLS1.3:ECDHE_X25519__RSA_PSS_RSAE_SHA256__AES_256_GCM:256 CV=no A=dovecot_plain:alice@example.com "
                        + "S=1200 id=m1@example.com T=\"hello A=fake:mallory@evil.example X=TLS1.0:x:1\"",
                "2026-11-12 08:01:00 1vAbCe-000AbC-2y <= scanner@corp.example H=(printer) [192.0.2.20]:40000 P=esmtpa "
                        + "A=login_server S=99 id=m2@example.com",
                "2026-11-12 08:02:00 1vAbCf-000AbC-3z <= svc@example.com H=app [192.0.2.30]:40001 P=esmtpsa "
                        + "X=TLSv1.2:ECDHE-RSA-AES256-GCM-SHA384:256 CV=no A=plain:svc S=10 id=m3@example.com",
                "2026-11-12 08:03:00 1vAbCg-000AbC-4a <= news@sender.example H=mail.sender.example [203.0.113.9]:25 P=esmtps "
                        + "X=TLS1.3:TLS_AES_256_GCM_SHA384:256 S=5000 id=inbound@sender.example",
                "2026-11-12 08:04:00 dovecot_login authenticator failed for (x) [203.0.113.66]:5000: 535 Incorrect authentication "
                        + "data (set_id=bob@example.com)",
                "2026-11-12 08:05:00 1vAbCg-000AbC-4a => x@remote.example R=dnslookup T=remote_smtp H=mx.remote.example [198.51.100.7]",
                ""));
        try (Cache cache = cache()) {
            ImportSummary.FileResult f = run(cache, log).files().get(0);
            assertThat(f.format()).isEqualTo("exim");
            assertThat(f.submissions()).isEqualTo(3);
            assertThat(f.authFailures()).isEqualTo(1);
            assertThat(submissions(cache)).extracting(Row::account, Row::tls, Row::method, Row::ip).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("alice@example.com", "TLS1.3", "PLAIN", "192.0.2.10"),
                    org.assertj.core.groups.Tuple.tuple("scanner@corp.example", "none", "LOGIN", "192.0.2.20"),
                    org.assertj.core.groups.Tuple.tuple("svc", "TLS1.2", "PLAIN", "192.0.2.30"));
            assertThat(failures(cache)).isEqualTo("2026-11-12 bob@example.com 1\n");
        }
    }

    @Test
    void aCancelledImportLeavesTheCacheAsItWas() throws Exception {
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            big.append(String.format("Nov 12 08:%02d:%02d mx1 postfix/submission/smtpd[1]: %010X: client=a[192.0.2.1], "
                    + "sasl_method=PLAIN, sasl_username=u%d@x.example%n", (i / 60) % 60, i % 60, 0xA00000000L + i, i % 50));
        }
        Path log = write(dir, "mail.log", big.toString());
        try (Cache cache = cache()) {
            runWithYear(cache, 2026, write(dir, "first.log", POSTFIX));
            String before = ImportTestKit.dump(cache);
            AtomicInteger checks = new AtomicInteger();
            ImportCancelledException e = catchThrowableOfType(ImportCancelledException.class, () ->
                    new ImportJob(cache, new ImportOptions(Optional.empty(), false, OptionalInt.of(2026)))
                            .run(List.of(log), ImportProgress.NONE, () -> checks.incrementAndGet() > 2));
            assertThat(e).isNotNull();
            assertThat(ImportTestKit.dump(cache)).isEqualTo(before);
        }
    }

    @Test
    void aTruncatedGzipFailsTheWholeImportAndLeavesTheCacheAsItWas() throws Exception {
        byte[] full = gzip(utf8(POSTFIX.repeat(50)));
        Path truncated = writeBytes(dir, "mail.log.3.gz", Arrays.copyOf(full, full.length / 2));
        Path good = write(dir, "good.log", POSTFIX.replace("Nov 12", "Nov 13"));
        try (Cache cache = cache()) {
            runWithYear(cache, 2026, write(dir, "first.log", POSTFIX));
            String before = ImportTestKit.dump(cache);
            BadInputException e = catchThrowableOfType(BadInputException.class, () -> runWithYear(cache, 2026, good, truncated));
            assertThat(e.getMessage()).contains("mail.log.3.gz").contains("truncated");
            assertThat(ImportTestKit.dump(cache)).isEqualTo(before);
        }
    }

    @Test
    void aNamedFileOfNoKnownFormatIsBadInput() throws Exception {
        Path prose = write(dir, "readme", "This is not a log.\nNor a mailbox.\n");
        try (Cache cache = cache()) {
            BadInputException e = catchThrowableOfType(BadInputException.class, () -> run(cache, prose));
            assertThat(e.getMessage()).contains("readme").contains("Postfix or Exim log");
        }
    }

    @Test
    void theSameLogGivenTwiceInOneImportCountsOnce() throws Exception {
        Path log = write(dir, "mail.log", POSTFIX);
        Path copy = write(dir, "copy-of-mail.log", POSTFIX);
        try (Cache cache = cache()) {
            ImportSummary s = runWithYear(cache, 2026, log, copy);
            assertThat(s.files().get(1).status()).isEqualTo(ImportSummary.Status.ALREADY_IMPORTED);
            assertThat(count(cache, "SELECT count(*) FROM smtp_message")).isEqualTo(2);
        }
    }

    @Test
    void progressCountsTheBytesOfEveryFileUpToTheirTotal() throws Exception {
        Path a = write(dir, "a.log", POSTFIX);
        Path b = writeBytes(dir, "b.log.gz", gzip(utf8(POSTFIX.replace("Nov 12", "Nov 13"))));
        long total = Files.size(a) + Files.size(b);
        List<Long> seen = new ArrayList<>();
        try (Cache cache = cache()) {
            new ImportJob(cache, new ImportOptions(Optional.empty(), false, OptionalInt.of(2026)))
                    .run(List.of(a, b), (file, done, all) -> {
                        assertThat(all).isEqualTo(total);
                        seen.add(done);
                    }, () -> false);
        }
        assertThat(seen).isSorted();
        assertThat(seen.get(seen.size() - 1)).isEqualTo(total);
    }

    static long utc(String iso) {
        return OffsetDateTime.parse(iso).toEpochSecond();
    }
}
