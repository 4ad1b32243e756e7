package org.mailflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mailflow.ingest.logs.LogAuthFailure;
import org.mailflow.ingest.logs.LogSink;
import org.mailflow.ingest.logs.LogSubmission;
import org.mailflow.ingest.logs.LogStats;
import org.mailflow.ingest.logs.PostfixParser;
import org.mailflow.ingest.logs.SyslogTime;
import org.mailflow.testing.CollectingSink;
import org.mailflow.smtpauth.TlsVersion;

/** The benchmark's Postfix log: the same per seed, time-ordered, interleaved, and parsed to exactly what the generator says it wrote. */
class PostfixLogGeneratorTest {
    private static final long SIZE = 2L << 20;
    private static final Pattern TAG = Pattern.compile("^\\w{3} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d mail (\\S+?)(?:\\[(\\d+)\\])?: (.*)$");
    private static final Pattern QUEUE_ID = Pattern.compile("^([0-9A-F]{10,12}): ");

    private static PostfixLogGenerator.Result result;
    private static byte[] bytes;
    private static List<String> lines;

    @BeforeAll
    static void generate() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        result = new PostfixLogGenerator(42).write(out, SIZE);
        bytes = out.toByteArray();
        lines = new String(bytes, StandardCharsets.US_ASCII).lines().toList();
    }

    @Test
    void theSameSeedWritesTheSameBytesAndAnotherSeedOthers() throws Exception {
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        assertThat(new PostfixLogGenerator(42).write(again, SIZE)).isEqualTo(result);
        assertThat(again.toByteArray()).isEqualTo(bytes);
        ByteArrayOutputStream other = new ByteArrayOutputStream();
        new PostfixLogGenerator(43).write(other, SIZE);
        assertThat(other.toByteArray()).isNotEqualTo(bytes);
    }

    @Test
    void resultCountsWhatWasWritten() {
        assertThat(result.bytes()).isEqualTo(bytes.length).isGreaterThanOrEqualTo(SIZE).isLessThan(SIZE + (1 << 20));
        assertThat(result.lines()).isEqualTo(lines.size());
        assertThat(bytes[bytes.length - 1]).isEqualTo((byte) '\n');
        assertThat(result.authFailures()).isEqualTo(result.authFailuresWithUser() + result.authFailuresWithoutUser());
        assertThat(result.submissionsByTls().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(result.submissions());
        long clientLines = lines.stream().filter(l -> l.contains(": client=") && l.contains(", sasl_username=")).count();
        assertThat(clientLines).isEqualTo(result.submissions());
    }

    @Test
    void thePostfixParserFindsExactlyTheSubmissionsAndFailuresWritten() {
        CollectingSink collected = new CollectingSink();
        List<LogSubmission> submissions = collected.submissions;
        List<LogAuthFailure> failures = collected.failures;
        PostfixParser parser = new PostfixParser(SyslogTime.startingIn(2026), collected);
        long n = 0;
        for (String line : lines) {
            parser.accept(++n, line);
        }
        parser.finish();

        LogStats stats = parser.stats();
        assertThat(stats.lines()).isEqualTo(result.lines());
        assertThat(stats.bad()).isZero();
        assertThat(submissions).hasSize((int) result.submissions());
        assertThat(stats.submissions()).isEqualTo(result.submissions());
        assertThat(failures).hasSize((int) result.authFailures());
        assertThat(failures.stream().filter(LogAuthFailure::hasAccount).count()).isEqualTo(result.authFailuresWithUser());
        assertThat(result.authFailuresWithUser()).isPositive();
        assertThat(result.authFailuresWithoutUser()).isPositive();

        Map<TlsVersion, Long> byTls = new EnumMap<>(TlsVersion.class);
        for (TlsVersion v : TlsVersion.values()) {
            byTls.put(v, 0L);
        }
        submissions.forEach(s -> byTls.merge(s.tls(), 1L, Long::sum));
        assertThat(byTls).isEqualTo(result.submissionsByTls());
        // each submission's recipients are the nrcpt= of its first qmgr line; the line qmgr writes again when a
        // deferred delivery is retried is not counted a second time
        assertThat(submissions.stream().mapToLong(LogSubmission::recipients).sum()).isEqualTo(result.submissionRecipients())
                .isGreaterThan(result.submissions());
        for (TlsVersion v : List.of(TlsVersion.TLS1_0, TlsVersion.TLS1_1, TlsVersion.TLS1_2, TlsVersion.TLS1_3, TlsVersion.NONE)) {
            assertThat(result.submissionsByTls().get(v)).as(v.token()).isPositive();
        }
        // Bare SASL user names take the envelope sender's domain; every submission has a domain.
        assertThat(submissions).anyMatch(s -> !s.sender().contains("@"));
        assertThat(submissions).allMatch(s -> s.domain().startsWith("example."));
        assertThat(submissions.stream().map(LogSubmission::sender).distinct().count()).isBetween(100L, 300L);
    }

    @Test
    void theRelayMixIsSaslDenseWithThousandsOfDevicesOnLegacyTlsAndParsesToWhatWasWritten() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PostfixLogGenerator.Result relay = new PostfixLogGenerator(42, PostfixLogGenerator.DEFAULT_START, PostfixLogGenerator.Mix.RELAY)
                .write(out, 4L << 20);
        List<String> relayLines = new String(out.toByteArray(), StandardCharsets.US_ASCII).lines().toList();
        assertThat(relay.lines()).isEqualTo(relayLines.size());
        assertThat(relay.submissions() * 10).as("one line in ten or more is a submission").isGreaterThanOrEqualTo(relay.lines());
        CollectingSink collected = new CollectingSink();
        PostfixParser parser = new PostfixParser(SyslogTime.startingIn(2026), collected);
        long n = 0;
        for (String line : relayLines) {
            parser.accept(++n, line);
        }
        parser.finish();
        assertThat(parser.stats().bad()).isZero();
        assertThat(collected.submissions).hasSize((int) relay.submissions());
        assertThat(collected.failures).hasSize((int) relay.authFailures());
        Map<TlsVersion, Long> byTls = new EnumMap<>(TlsVersion.class);
        for (TlsVersion v : TlsVersion.values()) {
            byTls.put(v, 0L);
        }
        collected.submissions.forEach(s -> byTls.merge(s.tls(), 1L, Long::sum));
        assertThat(byTls).isEqualTo(relay.submissionsByTls());
        long legacy = byTls.get(TlsVersion.TLS1_0) + byTls.get(TlsVersion.TLS1_1) + byTls.get(TlsVersion.NONE);
        assertThat(legacy * 4).as("a quarter or more on TLS 1.0/1.1 or without TLS").isGreaterThan(relay.submissions());
        assertThat(collected.submissions.stream().mapToLong(LogSubmission::recipients).sum()).isEqualTo(relay.submissionRecipients());
        assertThat(collected.submissions.stream().map(LogSubmission::sender).distinct().count()).as("accounts").isGreaterThan(1000);
        assertThat(collected.submissions.stream().map(LogSubmission::clientIp).distinct().count()).as("client addresses")
                .isGreaterThan(1000);
    }

    @Test
    void linesAreInTimeOrderOverTheResultsSpan() {
        SyslogTime time = SyslogTime.startingIn(2026);
        long previous = Long.MIN_VALUE;
        for (String line : lines) {
            time.observe(line);
            Long t = time.classic(line.substring(0, 15));
            assertThat(t).as(line).isNotNull();
            assertThat(t).as(line).isGreaterThanOrEqualTo(previous);
            previous = t;
        }
        SyslogTime first = SyslogTime.startingIn(2026);
        assertThat(first.classic(lines.get(0).substring(0, 15))).isEqualTo(result.firstEpochSecond());
        assertThat(previous).isEqualTo(result.lastEpochSecond());
        assertThat(lines.get(0)).startsWith("Oct  1 ");
    }

    @Test
    void smtpdProcessesServeManyConnectionsInTurnAndInterleave() {
        Map<String, Integer> connections = new HashMap<>();
        Map<String, Integer> open = new HashMap<>(); // smtpd tag -> line index of its connect
        int interleaved = 0;
        int closed = 0;
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = TAG.matcher(lines.get(i));
            assertThat(m.matches()).as(lines.get(i)).isTrue();
            if (!m.group(1).endsWith("/smtpd")) {
                continue;
            }
            String tag = m.group(1) + "[" + m.group(2) + "]";
            String msg = m.group(3);
            if (msg.startsWith("connect from ")) {
                assertThat(open).as("a process serves one connection at a time: " + lines.get(i)).doesNotContainKey(tag);
                open.put(tag, i);
                connections.merge(tag, 1, Integer::sum);
            } else if (msg.startsWith("disconnect from ")) {
                Integer from = open.remove(tag);
                assertThat(from).as(lines.get(i)).isNotNull();
                closed++;
                for (int k = from + 1; k < i; k++) {
                    Matcher o = TAG.matcher(lines.get(k));
                    if (o.matches() && o.group(1).endsWith("/smtpd") && !(o.group(1) + "[" + o.group(2) + "]").equals(tag)) {
                        interleaved++;
                        break;
                    }
                }
            }
        }
        assertThat(open).isEmpty(); // every connection is complete
        assertThat(connections.values().stream().filter(c -> c >= 10).count()).as("processes with 10+ connections").isGreaterThan(3);
        assertThat(connections.keySet().stream().map(t -> t.substring(0, t.indexOf('['))).distinct())
                .contains("postfix/smtpd", "postfix/submission/smtpd", "postfix/smtps/smtpd");
        assertThat(interleaved).as("connections with another smtpd's lines inside").isGreaterThan(closed / 10);
    }

    @Test
    void queueIdsAreShortHexUniqueAndTheirLinesInterleave() {
        Map<String, int[]> span = new HashMap<>();
        Set<String> received = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = TAG.matcher(lines.get(i));
            assertThat(m.matches()).isTrue();
            String msg = m.group(3);
            Matcher q = QUEUE_ID.matcher(msg);
            if (!q.find()) {
                continue;
            }
            String id = q.group(1);
            if (msg.startsWith(id + ": client=") || msg.startsWith(id + ": uid=")) {
                assertThat(received.add(id)).as("queue id used once: " + id).isTrue();
            }
            int line = i;
            span.computeIfAbsent(id, k -> new int[] {line, line})[1] = line;
        }
        assertThat(span).hasSizeGreaterThan(1000);
        assertThat((long) span.size()).isEqualTo(result.messages());
        long overlapping = 0;
        int[] previous = null;
        for (int[] s : span.values().stream().sorted((a, b) -> Integer.compare(a[0], b[0])).toList()) {
            if (previous != null && s[0] < previous[1]) {
                overlapping++;
            }
            previous = s;
        }
        assertThat(overlapping).as("queue ids whose lines start before the previous one's end").isGreaterThan(span.size() / 10);
    }

    @Test
    void theMixHoldsTheKindsOfLinesOfARealMailLog() {
        String text = new String(bytes, StandardCharsets.US_ASCII);
        for (String s : List.of("postfix/postscreen[", "PASS OLD [", "DNSBL rank ", "NOQUEUE: reject: RCPT from ", "Relay access denied",
                "Anonymous TLS connection established from ", "Untrusted TLS connection established from ",
                "Trusted TLS connection established from ", ": TLSv1 with cipher ", ": TLSv1.1 with cipher ",
                "TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519 server-signature RSA-PSS (2048 bits) server-digest SHA256",
                "sasl_method=PLAIN, sasl_username=", "sasl_method=LOGIN, sasl_username=", "SASL LOGIN authentication failed: UGFzc3dvcmQ6",
                "postfix/anvil[", "statistics: max connection rate ", "dovecot: imap-login: Login: user=<", "opendkim[", "amavis[",
                "status=sent (250 2.0.0 ", "status=deferred (", "status=bounced (", "sender non-delivery notification: ",
                "relay=mail.example.com[private/dovecot-lmtp]", "postfix/pickup[", " commands=", "lost connection after ")) {
            assertThat(text).as(s).contains(s);
        }
        long inbound = lines.stream().filter(l -> l.contains(": client=") && !l.contains("sasl_")).count();
        assertThat((double) inbound / result.messages()).isBetween(0.45, 0.75);
        assertThat((double) result.submissions() / result.messages()).isBetween(0.2, 0.45);
    }
}
