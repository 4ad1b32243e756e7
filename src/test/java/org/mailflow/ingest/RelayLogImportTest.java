package org.mailflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailflow.bench.EximLogGenerator;
import org.mailflow.bench.PostfixLogGenerator;
import org.mailflow.cache.Cache;
import org.mailflow.ingest.logs.EximParser;
import org.mailflow.ingest.logs.LogParser;
import org.mailflow.ingest.logs.LogSubmission;
import org.mailflow.ingest.logs.PostfixParser;
import org.mailflow.ingest.logs.SyslogTime;
import org.mailflow.smtpauth.TlsVersion;
import org.mailflow.testing.CollectingSink;

/**
 * An import of the bench's SASL-dense logs (issue 15: a Postfix submission relay, an Exim server) writes
 * exactly what their lines say: the SMTP AUTH report's figures per day, account, client address, TLS
 * version and method, the message-ids of the messages report, the failed authentications, each read back
 * from the cache and compared with what the generator says it wrote and with what the parser alone finds
 * in the same lines. The import writes submissions in batches on a thread of its own; none may be lost,
 * doubled or reordered.
 */
class RelayLogImportTest {
    @TempDir
    Path dir;
    Cache cache;

    @BeforeEach
    void open() throws Exception {
        cache = Cache.open(dir.resolve("cache.db"));
    }

    @AfterEach
    void close() {
        cache.close();
    }

    @Test
    void aSubmissionRelayLogImportsEverySubmissionOfItsThousandsOfDevicesAndAccounts() throws Exception {
        Path log = dir.resolve("mail.log");
        PostfixLogGenerator.Result written;
        try (OutputStream out = Files.newOutputStream(log)) {
            written = new PostfixLogGenerator(7, PostfixLogGenerator.DEFAULT_START, PostfixLogGenerator.Mix.RELAY).write(out, 3L << 20);
        }
        assertThat(written.submissions() * 10).as("one line in ten or more is a submission").isGreaterThanOrEqualTo(written.lines());

        ImportSummary summary = new ImportJob(cache, new ImportOptions(Optional.empty(), false, OptionalInt.of(2026)))
                .run(List.of(log), ImportProgress.NONE, () -> false);
        assertThat(summary.submissions()).isEqualTo(written.submissions());
        assertThat(summary.authFailures()).isEqualTo(written.authFailures());

        CollectingSink parsed = parse(log, new CollectingSink(), sink -> new PostfixParser(SyslogTime.startingIn(2026), sink));
        assertThat(parsed.submissions).hasSize((int) written.submissions());
        assertThat(accounts(parsed.submissions)).as("distinct accounts").isGreaterThan(1000);
        assertTheCacheHolds(parsed, written.submissionsByTls(), written.submissionRecipients(), written.authFailures());

        // imported again: nothing added
        new ImportJob(cache, new ImportOptions(Optional.empty(), false, OptionalInt.of(2026))).run(List.of(log), ImportProgress.NONE,
                () -> false);
        assertTheCacheHolds(parsed, written.submissionsByTls(), written.submissionRecipients(), written.authFailures());
    }

    @Test
    void anEximLogImportsEveryAuthenticatedReception() throws Exception {
        Path log = dir.resolve("mainlog");
        EximLogGenerator.Result written;
        try (OutputStream out = Files.newOutputStream(log)) {
            written = new EximLogGenerator(7).write(out, 3L << 20);
        }
        ImportSummary summary = new ImportJob(cache, new ImportOptions(Optional.empty(), false, OptionalInt.of(2026)))
                .run(List.of(log), ImportProgress.NONE, () -> false);
        assertThat(summary.submissions()).isEqualTo(written.submissions());
        assertThat(summary.authFailures()).isEqualTo(written.authFailures());
        CollectingSink parsed = parse(log, new CollectingSink(), sink -> new EximParser(sink, SyslogTime.startingIn(2026)));
        assertThat(accounts(parsed.submissions)).isEqualTo(written.senders());
        assertTheCacheHolds(parsed, written.submissionsByTls(), written.submissionRecipients(), written.authFailures());
    }

    private static long accounts(List<LogSubmission> submissions) {
        return submissions.stream().map(s -> s.sender().strip().toLowerCase(Locale.ROOT)).distinct().count();
    }

    private static CollectingSink parse(Path log, CollectingSink sink, java.util.function.Function<CollectingSink, LogParser> parser)
            throws Exception {
        LogParser p = parser.apply(sink);
        long n = 0;
        for (String line : Files.readAllLines(log, StandardCharsets.US_ASCII)) {
            p.accept(++n, line);
        }
        p.finish();
        return sink;
    }

    /** The cache's SMTP AUTH tables against the parse and the generator's own tally. */
    private void assertTheCacheHolds(CollectingSink parsed, Map<TlsVersion, Long> byTls, long recipients, long failures) throws Exception {
        Map<String, Long> expected = new TreeMap<>();
        Set<String> messageIds = new HashSet<>();
        for (LogSubmission s : parsed.submissions) {
            String key = Math.floorDiv(s.epochSecond(), 86_400) + " " + s.sender().strip().toLowerCase(Locale.ROOT) + " " + s.clientIp()
                    + " " + s.tls().code() + " " + s.authMethod().toUpperCase(Locale.ROOT);
            expected.merge(key, 1L, Long::sum);
            if (s.messageId() != null && !s.messageId().isBlank()) {
                messageIds.add(Math.floorDiv(s.epochSecond(), 86_400) + " " + s.messageId());
            }
        }
        Map<String, Long> detail = new TreeMap<>();
        Map<Integer, Long> tls = new HashMap<>();
        long[] sums = new long[3];
        Set<String> stored = new HashSet<>();
        long[] messageRows = new long[1];
        cache.read(c -> {
            try (Statement st = c.createStatement()) {
                try (ResultSet rs = st.executeQuery("SELECT d.day, a.address, ip.value, d.tls, m.value, sum(d.count) FROM smtp_detail d "
                        + "JOIN smtp_account a ON a.id = d.account_id JOIN smtp_name ip ON ip.id = d.ip_id "
                        + "JOIN smtp_name m ON m.id = d.method_id GROUP BY 1, 2, 3, 4, 5")) {
                    while (rs.next()) {
                        detail.put(rs.getLong(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getInt(4) + " "
                                + rs.getString(5), rs.getLong(6));
                    }
                }
                try (ResultSet rs = st.executeQuery("SELECT tls, sum(count) FROM smtp_detail GROUP BY tls")) {
                    while (rs.next()) {
                        tls.put(rs.getInt(1), rs.getLong(2));
                    }
                }
                try (ResultSet rs = st.executeQuery("SELECT (SELECT sum(count) FROM smtp_detail), (SELECT sum(recipients) FROM smtp_detail),"
                        + " (SELECT coalesce(sum(count), 0) FROM smtp_auth_failure)")) {
                    rs.next();
                    sums[0] = rs.getLong(1);
                    sums[1] = rs.getLong(2);
                    sums[2] = rs.getLong(3);
                }
                try (ResultSet rs = st.executeQuery("SELECT day, message_id FROM smtp_message")) {
                    while (rs.next()) {
                        messageRows[0]++;
                        stored.add(rs.getLong(1) + " " + rs.getString(2));
                    }
                }
            }
            return null;
        });
        assertThat(detail).isEqualTo(expected);
        Map<Integer, Long> expectedTls = new HashMap<>();
        byTls.forEach((v, n) -> {
            if (n > 0) {
                expectedTls.put(v.code(), n);
            }
        });
        assertThat(tls).isEqualTo(expectedTls);
        assertThat(sums[0]).isEqualTo(parsed.submissions.size());
        assertThat(sums[1]).isEqualTo(recipients);
        assertThat(sums[2]).isEqualTo(failures);
        assertThat(messageRows[0]).isEqualTo(messageIds.size()).isGreaterThan(parsed.submissions.size() * 9L / 10);
        assertThat(stored).isEqualTo(messageIds);
    }
}
