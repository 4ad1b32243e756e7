package org.mailflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mailflow.ingest.logs.EximParser;
import org.mailflow.ingest.logs.LogAuthFailure;
import org.mailflow.ingest.logs.LogStats;
import org.mailflow.ingest.logs.LogSubmission;
import org.mailflow.ingest.logs.SyslogTime;
import org.mailflow.smtpauth.TlsVersion;
import org.mailflow.testing.CollectingSink;

/** The benchmark's Exim main log: the same per seed, in time order, and parsed to exactly what the generator says it wrote. */
class EximLogGeneratorTest {
    private static final long SIZE = 2L << 20;
    private static final Pattern LINE = Pattern.compile("^(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d) (.*)$");
    private static final Pattern RECEIVED = Pattern.compile("^([0-9A-Za-z]{6}-[0-9A-Za-z]{6}-[0-9A-Za-z]{2}) <= ");

    private static EximLogGenerator.Result result;
    private static byte[] bytes;
    private static List<String> lines;

    @BeforeAll
    static void generate() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        result = new EximLogGenerator(42).write(out, SIZE);
        bytes = out.toByteArray();
        lines = new String(bytes, StandardCharsets.US_ASCII).lines().toList();
    }

    @Test
    void theSameSeedWritesTheSameBytesAndAnotherSeedOthers() throws Exception {
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        assertThat(new EximLogGenerator(42).write(again, SIZE)).isEqualTo(result);
        assertThat(again.toByteArray()).isEqualTo(bytes);
        ByteArrayOutputStream other = new ByteArrayOutputStream();
        new EximLogGenerator(43).write(other, SIZE);
        assertThat(other.toByteArray()).isNotEqualTo(bytes);
    }

    @Test
    void resultCountsWhatWasWritten() {
        assertThat(result.bytes()).isEqualTo(bytes.length).isGreaterThanOrEqualTo(SIZE).isLessThan(SIZE + (2 << 20));
        assertThat(result.lines()).isEqualTo(lines.size());
        assertThat(bytes[bytes.length - 1]).isEqualTo((byte) '\n');
        assertThat(result.submissionsByTls().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(result.submissions());
        assertThat(lines.stream().filter(l -> l.contains(" <= ") && l.contains(" A=")).count()).isEqualTo(result.submissions());
        assertThat(lines.stream().filter(l -> l.contains(" authenticator failed for ")).count()).isEqualTo(result.authFailures());
        // a submission server: at least one line in ten is an authenticated reception
        assertThat(result.submissions() * 10).isGreaterThanOrEqualTo(result.lines());
    }

    @Test
    void theEximParserFindsExactlyTheSubmissionsAndFailuresWritten() {
        CollectingSink collected = new CollectingSink();
        EximParser parser = new EximParser(collected, SyslogTime.startingIn(2026));
        long n = 0;
        for (String line : lines) {
            parser.accept(++n, line);
        }
        parser.finish();
        LogStats stats = parser.stats();
        assertThat(stats.lines()).isEqualTo(result.lines());
        assertThat(stats.bad()).isZero();
        List<LogSubmission> submissions = collected.submissions;
        List<LogAuthFailure> failures = collected.failures;
        assertThat(submissions).hasSize((int) result.submissions());
        assertThat(failures).hasSize((int) result.authFailures());
        assertThat(failures.stream().filter(LogAuthFailure::hasAccount).count()).isEqualTo(result.authFailuresWithUser());
        assertThat(result.authFailuresWithUser()).isPositive().isLessThan(result.authFailures());

        Map<TlsVersion, Long> byTls = new EnumMap<>(TlsVersion.class);
        for (TlsVersion v : TlsVersion.values()) {
            byTls.put(v, 0L);
        }
        submissions.forEach(s -> byTls.merge(s.tls(), 1L, Long::sum));
        assertThat(byTls).isEqualTo(result.submissionsByTls());
        for (TlsVersion v : List.of(TlsVersion.TLS1_0, TlsVersion.TLS1_1, TlsVersion.TLS1_2, TlsVersion.TLS1_3, TlsVersion.NONE)) {
            assertThat(result.submissionsByTls().get(v)).as(v.token()).isPositive();
        }
        assertThat(submissions.stream().mapToLong(LogSubmission::recipients).sum()).isEqualTo(result.submissionRecipients())
                .isGreaterThan(result.submissions());
        assertThat(submissions.stream().map(LogSubmission::sender).distinct().count()).isEqualTo(result.senders()).isGreaterThan(500);
        assertThat(submissions).allMatch(s -> s.domain().startsWith("example.") && !s.clientIp().isEmpty() && s.messageId() != null);
        assertThat(submissions.stream().map(LogSubmission::authMethod).distinct()).containsExactlyInAnyOrder("PLAIN", "LOGIN", "CRAM-MD5");
    }

    @Test
    void linesAreInTimeOrderAndMessageIdsAreUniqueOfTheFormEximstatsReads() {
        String previous = "";
        Set<String> ids = new HashSet<>();
        for (String line : lines) {
            Matcher m = LINE.matcher(line);
            assertThat(m.matches()).as(line).isTrue();
            assertThat(m.group(1)).as(line).isGreaterThanOrEqualTo(previous);
            previous = m.group(1);
            Matcher r = RECEIVED.matcher(m.group(2));
            if (r.find()) {
                assertThat(ids.add(r.group(1))).as("message id used once: " + line).isTrue();
            }
        }
        assertThat(lines.get(0)).startsWith("2026-10-01 ");
        assertThat((long) ids.size()).isGreaterThan(result.submissions());
    }

    @Test
    void theMixHoldsTheKindsOfLinesOfAnEximServer() {
        String text = new String(bytes, StandardCharsets.US_ASCII);
        for (String s : List.of(" P=esmtpsa X=TLS1.3:", " P=esmtpsa X=TLSv1:", " P=esmtpsa X=TLSv1.1:", " P=esmtpsa X=TLSv1.2:", " P=esmtpa A=",
                " A=dovecot_plain:", " A=dovecot_login:", " A=cram_md5:", " P=esmtps X=", " R=dnslookup T=remote_smtp H=", " -> ",
                " R=virtual_user T=dovecot_lmtp", " == ", " ** ", " <= <> R=", " Completed QT=", "SMTP connection from ",
                " closed by QUIT", " authenticator failed for (User) [", "535 Incorrect authentication data (set_id=",
                "rejected RCPT <", "relay not permitted", " U=root P=local ", "Start queue run: pid=", "SMTP command timeout on connection")) {
            assertThat(text).as(s).contains(s);
        }
    }
}
