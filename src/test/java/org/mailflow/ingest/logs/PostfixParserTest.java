package org.mailflow.ingest.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailflow.smtpauth.TlsVersion;
import org.mailflow.testing.CollectingSink;

/** SPEC 5 "Postfix": submissions, TLS per connection, joins by queue id, auth failures, bad lines. */
class PostfixParserTest {

    /** What one parse produced; submissions sorted by line number. */
    private record Result(List<LogSubmission> submissions, List<LogAuthFailure> failures, PostfixParser parser) {
        LogSubmission only() {
            assertThat(submissions).hasSize(1);
            return submissions.get(0);
        }
    }

    private static Result parse(SyslogTime time, int window, String... lines) {
        CollectingSink collected = new CollectingSink();
        List<LogSubmission> subs = collected.submissions;
        List<LogAuthFailure> fails = collected.failures;
        PostfixParser p = new PostfixParser(time, collected, window);
        long n = 0;
        for (String l : lines) {
            p.accept(++n, l);
        }
        p.finish();
        subs.sort(Comparator.comparingLong(LogSubmission::lineNumber));
        return new Result(subs, fails, p);
    }

    private static Result parse(String... lines) {
        return parse(SyslogTime.startingIn(2026), PostfixParser.DEFAULT_PENDING_WINDOW, lines);
    }

    private static long utc(String iso) {
        return OffsetDateTime.parse(iso).toEpochSecond();
    }

    private static final String TLS13 = "Anonymous TLS connection established from unknown[10.0.0.1]: TLSv1.3 with cipher "
            + "TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519 server-signature RSA-PSS (2048 bits) server-digest SHA256";

    @Test
    void anySyslogNameIsReadAndBareSmtpdIsNot() {
        Result r = parse(
                "Nov 12 08:30:00 mx postfix/submission/smtpd[100]: connect from unknown[10.0.0.1]",
                "Nov 12 08:30:01 mx postfix/submission/smtpd[100]: " + TLS13,
                "Nov 12 08:30:02 mx postfix/submission/smtpd[100]: 4AB12C3D4E: client=unknown[10.0.0.1]:50000, sasl_method=PLAIN, sasl_username=alice@contoso.example",
                "Nov 12 08:30:03 mx postfix-out/cleanup[101]: 4AB12C3D4E: message-id=<m1@contoso.example>",
                "Nov 12 08:30:04 mx postfix-out/qmgr[102]: 4AB12C3D4E: from=<alice@contoso.example>, size=1234, nrcpt=1 (queue active)",
                "Nov 12 08:30:05 mx smtpd[7]: 5BB12C3D4E: client=x[10.0.0.9], sasl_method=PLAIN, sasl_username=openbsd@x.example");
        LogSubmission s = r.only();
        assertThat(s.sender()).isEqualTo("alice@contoso.example");
        assertThat(s.domain()).isEqualTo("contoso.example");
        assertThat(s.tls()).isEqualTo(TlsVersion.TLS1_3);
        assertThat(s.tlsCipher()).isEqualTo("TLS_AES_256_GCM_SHA384");
        assertThat(s.clientIp()).isEqualTo("10.0.0.1");
        assertThat(s.authMethod()).isEqualTo("PLAIN");
        assertThat(s.server()).isEqualTo("mx");
        assertThat(s.messageId()).isEqualTo("m1@contoso.example");
        assertThat(s.envelopeSender()).isEqualTo("alice@contoso.example");
        assertThat(s.epochSecond()).isEqualTo(utc("2026-11-12T08:30:02Z"));
        assertThat(s.lineNumber()).isEqualTo(3);
    }

    @Test
    void tlsComesFromTheSameHostAndPidWithinTheConnection() {
        Result r = parse(
                "Nov 12 08:30:00 mx postfix/smtpd[100]: connect from unknown[10.0.0.1]",
                "Nov 12 08:30:01 mx postfix/smtpd[100]: Trusted TLS connection established from unknown[10.0.0.1]: TLSv1.2 with cipher ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits)",
                "Nov 12 08:30:01 mx postfix/smtpd[200]: connect from unknown[10.0.0.2]",
                "Nov 12 08:30:02 mx postfix/smtpd[200]: 1111111111: client=unknown[10.0.0.2], sasl_method=LOGIN, sasl_username=plain@x.example",
                "Nov 12 08:30:02 mx postfix/smtpd[100]: 2222222222: client=unknown[10.0.0.1], sasl_method=LOGIN, sasl_username=tls@x.example");
        assertThat(r.submissions()).extracting(LogSubmission::sender, LogSubmission::tls, LogSubmission::tlsCipher)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("plain@x.example", TlsVersion.NONE, null),
                        org.assertj.core.groups.Tuple.tuple("tls@x.example", TlsVersion.TLS1_2, "ECDHE-RSA-AES256-GCM-SHA384"));
    }

    /** A client chooses its HELO name, which Postfix writes into warnings: it must not pass for a TLS handshake. */
    @Test
    void tlsIsReadOnlyFromAHandshakeLineNotFromClientTextInAnotherMessage() {
        Result r = parse(
                "Nov 12 08:30:00 mx postfix/smtpd[100]: connect from a[10.0.0.1]",
                "Nov 12 08:30:01 mx postfix/smtpd[100]: warning: Illegal address syntax from a[10.0.0.1] in HELO command: "
                        + "<x TLS connection established from a[10.0.0.1]: TLSv1.3 with cipher FAKE>",
                "Nov 12 08:30:01 mx postfix/smtpd[100]: NOQUEUE: x TLS connection established from a[10.0.0.1]: TLSv1.3 with cipher FAKE",
                "Nov 12 08:30:02 mx postfix/smtpd[100]: 1111111111: client=a[10.0.0.1], sasl_method=LOGIN, sasl_username=a@x.example",
                "Nov 12 08:31:00 mx postfix/smtpd[200]: connect from b[10.0.0.2]",
                "Nov 12 08:31:01 mx postfix/smtpd[200]: TLS connection established from b[10.0.0.2]: TLSv1 with cipher OLD (128/128 bits)",
                "Nov 12 08:31:02 mx postfix/smtpd[200]: 2222222222: client=b[10.0.0.2], sasl_method=LOGIN, sasl_username=b@x.example");
        assertThat(r.submissions()).extracting(LogSubmission::sender, LogSubmission::tls, LogSubmission::tlsCipher).containsExactly(
                org.assertj.core.groups.Tuple.tuple("a@x.example", TlsVersion.NONE, null),
                org.assertj.core.groups.Tuple.tuple("b@x.example", TlsVersion.TLS1_0, "OLD"));
    }

    @Test
    void pidReusedForANewConnectionWithoutTlsIsNone() {
        Result r = parse(
                "Nov 12 08:30:00 mx postfix/smtpd[100]: connect from a[10.0.0.1]",
                "Nov 12 08:30:01 mx postfix/smtpd[100]: Untrusted TLS connection established from a[10.0.0.1]: TLSv1.2 with cipher AES256-SHA (256/256 bits)",
                "Nov 12 08:30:02 mx postfix/smtpd[100]: 1111111111: client=a[10.0.0.1], sasl_method=PLAIN, sasl_username=a@x.example",
                "Nov 12 08:30:03 mx postfix/smtpd[100]: disconnect from a[10.0.0.1] ehlo=2 starttls=1 auth=1 mail=1 rcpt=1 data=1 quit=1 commands=8",
                "Nov 12 08:31:00 mx postfix/smtpd[100]: connect from b[10.0.0.2]",
                "Nov 12 08:31:02 mx postfix/smtpd[100]: 2222222222: client=b[10.0.0.2], sasl_method=PLAIN, sasl_username=b@x.example",
                "Nov 12 08:31:03 mx postfix/smtpd[100]: lost connection after DATA from b[10.0.0.2]",
                "Nov 12 08:32:02 mx postfix/smtpd[100]: 3333333333: client=c[10.0.0.3], sasl_method=PLAIN, sasl_username=c@x.example");
        assertThat(r.submissions()).extracting(LogSubmission::tls)
                .containsExactly(TlsVersion.TLS1_2, TlsVersion.NONE, TlsVersion.NONE);
    }

    @Test
    void twoHostsWithTheSamePidKeepTheirOwnTls() {
        Result r = parse(
                "Nov 12 08:30:00 mx1 postfix/smtpd[100]: connect from a[10.0.0.1]",
                "Nov 12 08:30:00 mx2 postfix/smtpd[100]: connect from b[10.0.0.2]",
                "Nov 12 08:30:01 mx1 postfix/smtpd[100]: Anonymous TLS connection established from a[10.0.0.1]: TLSv1 with cipher AES128-SHA (128/128 bits)",
                "Nov 12 08:30:02 mx2 postfix/smtpd[100]: 1111111111: client=b[10.0.0.2], sasl_method=PLAIN, sasl_username=b@x.example",
                "Nov 12 08:30:02 mx1 postfix/smtpd[100]: 2222222222: client=a[10.0.0.1], sasl_method=PLAIN, sasl_username=a@x.example");
        // mx2's service logs no handshake anywhere: without statistics, its TLS is not known (step 5)
        assertThat(r.submissions()).extracting(LogSubmission::server, LogSubmission::tls, LogSubmission::undecidedService)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("mx2", TlsVersion.UNKNOWN, "mx2 postfix/smtpd"),
                        org.assertj.core.groups.Tuple.tuple("mx1", TlsVersion.TLS1_0, null));
    }

    @Test
    void interleavedConnectionsOfTwoPidsDoNotMix() {
        Result r = parse(
                "Nov 12 08:30:00 mx postfix/smtpd[1]: connect from a[10.0.0.1]",
                "Nov 12 08:30:00 mx postfix/smtpd[2]: connect from b[10.0.0.2]",
                "Nov 12 08:30:01 mx postfix/smtpd[2]: Anonymous TLS connection established from b[10.0.0.2]: TLSv1.3 with cipher TLS_AES_128_GCM_SHA256 (128/128 bits)",
                "Nov 12 08:30:01 mx postfix/smtpd[1]: Anonymous TLS connection established from a[10.0.0.1]: TLSv1.1 with cipher ECDHE-RSA-AES128-SHA (128/128 bits)",
                "Nov 12 08:30:02 mx postfix/smtpd[2]: BBBBBBBBB1: client=b[10.0.0.2], sasl_method=PLAIN, sasl_username=b@x.example",
                "Nov 12 08:30:03 mx postfix/smtpd[1]: AAAAAAAAA1: client=a[10.0.0.1], sasl_method=PLAIN, sasl_username=a@x.example",
                "Nov 12 08:30:04 mx postfix/smtpd[2]: disconnect from b[10.0.0.2]",
                "Nov 12 08:30:05 mx postfix/smtpd[1]: AAAAAAAAA2: client=a[10.0.0.1], sasl_method=PLAIN, sasl_username=a@x.example");
        assertThat(r.submissions()).extracting(LogSubmission::sender, LogSubmission::tls)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("b@x.example", TlsVersion.TLS1_3),
                        org.assertj.core.groups.Tuple.tuple("a@x.example", TlsVersion.TLS1_1),
                        org.assertj.core.groups.Tuple.tuple("a@x.example", TlsVersion.TLS1_1));
    }

    @Test
    void everyTlsPrefixAndTheTls13KeyExchangeSuffixAreRead() {
        String[] prefixes = {"Anonymous", "Trusted", "Untrusted", "Verified"};
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < prefixes.length; i++) {
            lines.add("Nov 12 08:30:00 mx postfix/smtpd[" + i + "]: connect from a[10.0.0.1]");
            lines.add("Nov 12 08:30:01 mx postfix/smtpd[" + i + "]: " + prefixes[i]
                    + " TLS connection established from a[10.0.0.1]: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)"
                    + " key-exchange X25519 server-signature ECDSA (P-256) server-digest SHA256");
            lines.add("Nov 12 08:30:02 mx postfix/smtpd[" + i + "]: ABCDEF000" + i + ": client=a[10.0.0.1]:587, sasl_method=PLAIN, sasl_username=u" + i + "@x.example");
        }
        Result r = parse(lines.toArray(String[]::new));
        assertThat(r.submissions()).hasSize(4).allSatisfy(s -> {
            assertThat(s.tls()).isEqualTo(TlsVersion.TLS1_3);
            assertThat(s.tlsCipher()).isEqualTo("TLS_AES_256_GCM_SHA384");
        });
    }

    @Test
    void envelopeSenderAndMessageIdAreJoinedByQueueIdInEitherOrder() {
        Result r = parse(
                // usual order: client=, message-id, from=
                "Nov 12 08:30:00 mx postfix/smtpd[1]: AAAAAAAAA1: client=a[10.0.0.1], sasl_method=PLAIN, sasl_username=a@x.example",
                "Nov 12 08:30:00 mx postfix/cleanup[2]: AAAAAAAAA1: message-id=<one@x.example>",
                // another host's queue entry with the same id must not join
                "Nov 12 08:30:00 other postfix/qmgr[3]: AAAAAAAAA1: from=<wrong@y.example>, size=1, nrcpt=1 (queue active)",
                "Nov 12 08:30:01 mx postfix/qmgr[3]: AAAAAAAAA1: from=<env@x.example>, size=10, nrcpt=1 (queue active)",
                // reversed: message-id (no brackets) and from= before the client= line
                "Nov 12 08:31:00 mx postfix/cleanup[2]: BBBBBBBBB1: message-id=two@x.example",
                "Nov 12 08:31:00 mx postfix/qmgr[3]: BBBBBBBBB1: from=<>, size=10, nrcpt=1 (queue active)",
                "Nov 12 08:31:01 mx postfix/smtpd[1]: BBBBBBBBB1: client=b[2001:db8::1]:587, sasl_method=login, sasl_username=b@x.example, sasl_sender=b@x.example");
        assertThat(r.submissions()).extracting(LogSubmission::messageId, LogSubmission::envelopeSender, LogSubmission::clientIp, LogSubmission::authMethod)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("one@x.example", "env@x.example", "10.0.0.1", "PLAIN"),
                        org.assertj.core.groups.Tuple.tuple("two@x.example", "", "2001:db8::1", "LOGIN"));
        assertThat(r.submissions().get(1).sender()).isEqualTo("b@x.example");
    }

    @Test
    void clientFieldsAreSplitOnlyWhereAKeyFollowsAndAKeyGivenTwiceKeepsItsFirstValue() {
        Result r = parse(
                // ", " inside a value, repeated keys, an empty method
                "Nov 12 08:30:00 mx postfix/smtpd[1]: AAAAAAAAA1: client=a, b[10.0.0.1]:25, sasl_username=x, y@x.example, "
                        + "sasl_method=PLAIN, sasl_username=second@x.example",
                "Nov 12 08:30:01 mx postfix/smtpd[1]: AAAAAAAAA2: client=c[10.0.0.2], sasl_method=login, sasl_method=PLAIN, "
                        + "sasl_username=c@x.example",
                "Nov 12 08:30:02 mx postfix/smtpd[1]: AAAAAAAAA3: client=d[10.0.0.3], sasl_method=, sasl_username=d@x.example, "
                        + "client=e[10.0.0.9]",
                // the names only inside a value: not fields, so inbound mail
                "Nov 12 08:30:03 mx postfix/smtpd[1]: AAAAAAAAA4: client=f[10.0.0.4], helo=sasl_method=x sasl_username=y");
        assertThat(r.submissions()).extracting(LogSubmission::sender, LogSubmission::clientIp, LogSubmission::authMethod)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("x, y@x.example", "10.0.0.1", "PLAIN"),
                        org.assertj.core.groups.Tuple.tuple("c@x.example", "10.0.0.2", "LOGIN"),
                        org.assertj.core.groups.Tuple.tuple("d@x.example", "10.0.0.3", ""));
        assertThat(r.parser().stats().irrelevant()).isEqualTo(1);
    }

    @Test
    void submissionWithoutFromIsEmittedAtRemovedFinishOrWindowWithWhatIsKnown() {
        Result r = parse(SyslogTime.startingIn(2026), 3,
                "Nov 12 08:30:00 mx postfix/smtpd[1]: AAAAAAAAA1: client=a[10.0.0.1], sasl_method=PLAIN, sasl_username=a@x.example",
                "Nov 12 08:30:00 mx postfix/qmgr[3]: AAAAAAAAA1: removed",
                "Nov 12 08:30:01 mx postfix/smtpd[1]: BBBBBBBBB1: client=a[10.0.0.1], sasl_method=PLAIN, sasl_username=b@x.example",
                "Nov 12 08:30:01 mx postfix/qmgr[3]: ZZZZZZZZZ1: from=<inbound@y.example>, size=1, nrcpt=1 (queue active)",
                "Nov 12 08:30:01 mx postfix/anvil[4]: statistics: max connection rate 1/60s",
                "Nov 12 08:30:01 mx postfix/anvil[4]: statistics: max connection count 1",
                "Nov 12 08:30:02 mx postfix/smtpd[1]: CCCCCCCCC1: client=a[10.0.0.1], sasl_method=PLAIN, sasl_username=Carol");
        assertThat(r.submissions()).extracting(LogSubmission::sender, LogSubmission::domain, LogSubmission::envelopeSender)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("a@x.example", "x.example", null),
                        org.assertj.core.groups.Tuple.tuple("b@x.example", "x.example", null),
                        org.assertj.core.groups.Tuple.tuple("carol", "", null));
        assertThat(r.parser().stats().submissions()).isEqualTo(3);
    }

    @Test
    void bareSaslUserTakesTheEnvelopeSendersDomain() {
        Result r = parse(
                "Nov 12 08:30:00 mx postfix/smtpd[1]: AAAAAAAAA1: client=a[10.0.0.1], sasl_method=PLAIN, sasl_username=Printer01",
                "Nov 12 08:30:01 mx postfix/qmgr[3]: AAAAAAAAA1: from=<scanner@Contoso.Example>, size=10, nrcpt=1 (queue active)");
        LogSubmission s = r.only();
        assertThat(s.sender()).isEqualTo("printer01");
        assertThat(s.domain()).isEqualTo("contoso.example");
    }

    @Test
    void failedSaslIsAnAuthFailureNeverASubmission() {
        Result r = parse(
                "Nov 12 08:30:00 mx postfix/submission/smtpd[1]: warning: unknown[1.2.3.4]: SASL LOGIN authentication failed: UGFzc3dvcmQ6, sasl_username=Bob@X.example",
                "Nov 12 08:30:01 mx postfix/smtpd[1]: warning: unknown[1.2.3.4]: SASL PLAIN authentication failed: authentication failure",
                "Nov 12 08:30:01 mx postfix/smtpd[1]: warning: SASL authentication failure: Password verification failed");
        assertThat(r.submissions()).isEmpty();
        assertThat(r.failures()).extracting(LogAuthFailure::account, LogAuthFailure::clientIp, LogAuthFailure::authMethod, LogAuthFailure::lineNumber)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("bob@x.example", "1.2.3.4", "LOGIN", 1L),
                        org.assertj.core.groups.Tuple.tuple("", "1.2.3.4", "PLAIN", 2L));
        assertThat(r.failures().get(1).hasAccount()).isFalse();
        assertThat(r.parser().stats()).isEqualTo(new LogStats(3, 2, 1, 0, 0, 2));
    }

    @Test
    void inboundMailWithoutSaslIsIgnoredAndCountedIrrelevant() {
        Result r = parse(
                "Nov 12 08:30:00 mx postfix/smtpd[1]: connect from mail.y.example[192.0.2.1]",
                "Nov 12 08:30:01 mx postfix/smtpd[1]: AAAAAAAAA1: client=mail.y.example[192.0.2.1]",
                "Nov 12 08:30:01 mx postfix/smtpd[1]: NOQUEUE: reject: RCPT from x[192.0.2.9]: 554 5.7.1 rejected",
                "Nov 12 08:30:02 mx postfix/local[5]: AAAAAAAAA1: to=<u@x.example>, relay=local, status=sent",
                "this is not syslog at all");
        assertThat(r.submissions()).isEmpty();
        assertThat(r.failures()).isEmpty();
        assertThat(r.parser().stats()).isEqualTo(new LogStats(5, 1, 4, 0, 0, 0));
    }

    @Test
    void classicAndRfc3339TimestampsAreUtcUnlessAnOffsetIsGiven() {
        Result r = parse(
                "Nov  2 08:30:00 mx postfix/smtpd[1]: AAAAAAAAA1: client=a[10.0.0.1], sasl_method=PLAIN, sasl_username=a@x.example",
                "2026-11-12T08:30:00.123456+01:00 mx postfix/smtpd[1]: BBBBBBBBB1: client=a[10.0.0.1], sasl_method=PLAIN, sasl_username=b@x.example",
                "2026-11-12T08:30:00Z mx postfix/smtpd[1]: CCCCCCCCC1: client=a[10.0.0.1], sasl_method=PLAIN, sasl_username=c@x.example",
                // journalctl -o short-iso before systemd 255 writes the offset without its colon
                "2026-11-12T08:30:01+0100 mx postfix/smtpd[1]: DDDDDDDDD1: client=a[10.0.0.1], sasl_method=PLAIN, sasl_username=d@x.example",
                "2026-11-12T08:30:02.5-05 mx postfix/smtpd[1]: EEEEEEEEE1: client=a[10.0.0.1], sasl_method=PLAIN, sasl_username=e@x.example");
        assertThat(r.parser().badExamples()).isEmpty();
        assertThat(r.submissions()).extracting(LogSubmission::epochSecond).containsExactly(
                utc("2026-11-02T08:30:00Z"), utc("2026-11-12T07:30:00Z"), utc("2026-11-12T08:30:00Z"), utc("2026-11-12T07:30:01Z"),
                utc("2026-11-12T13:30:02Z"));
    }

    @Test
    void explicitYearStepsForwardAcrossDecemberToJanuaryInTheParser() {
        Result r = parse(SyslogTime.startingIn(2025), 100,
                "Dec 31 23:59:00 mx postfix/smtpd[1]: AAAAAAAAA1: client=a[10.0.0.1], sasl_method=PLAIN, sasl_username=a@x.example",
                "Jan  1 00:01:00 mx postfix/pickup[9]: irrelevant line that still moves the year",
                "Jan  1 00:02:00 mx postfix/smtpd[1]: BBBBBBBBB1: client=a[10.0.0.1], sasl_method=PLAIN, sasl_username=b@x.example");
        assertThat(r.submissions()).extracting(LogSubmission::epochSecond).containsExactly(
                utc("2025-12-31T23:59:00Z"), utc("2026-01-01T00:02:00Z"));
    }

    @Test
    void modificationYearRuleWithOneRolloverInTheParser() {
        String[] lines = {
                "Dec 31 23:59:00 mx postfix/smtpd[1]: AAAAAAAAA1: client=a[10.0.0.1], sasl_method=PLAIN, sasl_username=a@x.example",
                "Jan  1 00:02:00 mx postfix/smtpd[1]: BBBBBBBBB1: client=a[10.0.0.1], sasl_method=PLAIN, sasl_username=b@x.example"};
        int rollovers = PostfixParser.countRollovers(List.of(lines).iterator());
        Result r = parse(SyslogTime.endingIn(LocalDate.of(2027, 2, 1), rollovers), 100, lines);
        assertThat(r.submissions()).extracting(LogSubmission::epochSecond).containsExactly(
                utc("2026-12-31T23:59:00Z"), utc("2027-01-01T00:02:00Z"));
    }

    @Test
    void malformedRelevantLineIsReportedWithItsLineNumberAndSkipped() {
        Result r = parse(
                "Nov 12 08:30:00 mx postfix/smtpd[1]: connect from a[10.0.0.1]",
                "Nov 31 08:30:01 mx postfix/smtpd[1]: AAAAAAAAA1: client=a[10.0.0.1], sasl_method=PLAIN, sasl_username=a@x.example",
                "garbage mx postfix/smtpd[1]: BBBBBBBBB1: client=a[10.0.0.1], sasl_method=PLAIN, sasl_username=b@x.example",
                "Nov 12 08:30:03 mx postfix/smtpd[1]: CCCCCCCCC1: client=a[10.0.0.1], sasl_method=PLAIN",
                "Nov 12 08:30:04 mx postfix/smtpd[1]: DDDDDDDDD1: client=a[10.0.0.1], sasl_method=PLAIN, sasl_username=d@x.example");
        assertThat(r.submissions()).extracting(LogSubmission::sender).containsExactly("d@x.example");
        assertThat(r.parser().badExamples()).extracting(BadLine::lineNumber).containsExactly(2L, 3L, 4L);
        assertThat(r.parser().stats()).isEqualTo(new LogStats(5, 2, 0, 3, 1, 0));
    }

    @Test
    void badExamplesAreCappedButAllAreCounted() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            lines.add("Xyz 12 08:30:00 mx postfix/smtpd[1]: AAAAAAAA" + (10 + i) + ": client=a[10.0.0.1], sasl_method=PLAIN, sasl_username=a@x.example");
        }
        Result r = parse(lines.toArray(String[]::new));
        assertThat(r.parser().badExamples()).hasSize(PostfixParser.BAD_EXAMPLES);
        assertThat(r.parser().stats().bad()).isEqualTo(15);
        assertThat(r.submissions()).isEmpty();
    }

    private static final String SUBMIT = "Nov 12 08:30:00 mx postfix/submission/smtpd[100]: ";
    private static final String QMGR = "Nov 12 08:30:01 mx postfix/qmgr[300]: ";

    /** SPEC 5: the recipient count is the nrcpt= of the qmgr from= line of the submission's queue id. */
    @Test
    void recipientsAreTheNrcptOfTheQmgrLineOfTheSameQueueId() {
        Result r = parse(
                SUBMIT + "connect from a[192.0.2.1]",
                SUBMIT + "AAAAAAAAA1: client=a[192.0.2.1], sasl_method=PLAIN, sasl_username=one@x.example",
                "Nov 12 08:30:00 mx postfix/cleanup[200]: AAAAAAAAA1: message-id=<one@x.example>",
                QMGR + "AAAAAAAAA1: from=<one@x.example>, size=1234, nrcpt=1 (queue active)",
                SUBMIT + "BBBBBBBBB1: client=a[192.0.2.1], sasl_method=PLAIN, sasl_username=many@x.example",
                // another host's queue entry of the same id, and inbound mail: neither joins
                "Nov 12 08:30:01 other postfix/qmgr[3]: BBBBBBBBB1: from=<x@y.example>, size=1, nrcpt=99 (queue active)",
                QMGR + "CCCCCCCCC1: from=<inbound@y.example>, size=1, nrcpt=7 (queue active)",
                QMGR + "BBBBBBBBB1: from=<many@x.example>, size=88201, nrcpt=137 (queue active)",
                // a sender quoted to hold ", nrcpt=" is not read for the count, which Postfix writes last
                SUBMIT + "DDDDDDDDD1: client=a[192.0.2.1], sasl_method=PLAIN, sasl_username=sly@x.example",
                QMGR + "DDDDDDDDD1: from=<\"a>, size=1, nrcpt=9999 (queue active)\"@x.example>, size=10, nrcpt=2 (queue active)",
                // from= before the client= line (either order joins), without the "(queue …)" note
                QMGR + "EEEEEEEEE1: from=<early@x.example>, size=10, nrcpt=4",
                SUBMIT + "EEEEEEEEE1: client=a[192.0.2.1], sasl_method=PLAIN, sasl_username=early@x.example",
                SUBMIT + "disconnect from a[192.0.2.1] ehlo=2 starttls=1 auth=1 mail=4 rcpt=144 data=4 quit=1 commands=157");
        assertThat(r.submissions()).extracting(LogSubmission::sender, LogSubmission::recipients).containsExactly(
                org.assertj.core.groups.Tuple.tuple("one@x.example", 1),
                org.assertj.core.groups.Tuple.tuple("many@x.example", 137),
                org.assertj.core.groups.Tuple.tuple("sly@x.example", 2),
                org.assertj.core.groups.Tuple.tuple("early@x.example", 4));
    }

    /**
     * qmgr logs from= each time it takes the message into the active queue (qmgr_message.c): a message
     * deferred and retried has two such lines, and its recipients count once.
     */
    @Test
    void aMessageDeferredAndRetriedCountsItsRecipientsOnce() {
        Result r = parse(
                SUBMIT + "connect from a[192.0.2.1]",
                SUBMIT + "AAAAAAAAA1: client=a[192.0.2.1], sasl_method=PLAIN, sasl_username=a@x.example",
                "Nov 12 08:30:00 mx postfix/cleanup[200]: AAAAAAAAA1: message-id=<m1@x.example>",
                QMGR + "AAAAAAAAA1: from=<a@x.example>, size=1234, nrcpt=3 (queue active)",
                "Nov 12 08:30:02 mx postfix/smtp[400]: AAAAAAAAA1: to=<b@remote.example>, relay=none, delay=1, "
                        + "dsn=4.4.1, status=deferred (connect to mx.remote.example[198.51.100.7]:25: Connection timed out)",
                // the connection is still open when the retry comes: its TLS undecided, the submission not yet emitted
                SUBMIT + "BBBBBBBBB1: client=a[192.0.2.1], sasl_method=PLAIN, sasl_username=a@x.example",
                QMGR + "BBBBBBBBB1: from=<a@x.example>, size=10, nrcpt=1 (queue active)",
                "Nov 12 08:40:02 mx postfix/qmgr[300]: AAAAAAAAA1: from=<a@x.example>, size=1234, nrcpt=3 (queue active)",
                "Nov 12 08:40:03 mx postfix/smtp[401]: AAAAAAAAA1: to=<b@remote.example>, relay=mx.remote.example[198.51.100.7]:25, "
                        + "delay=601, dsn=2.0.0, status=sent (250 OK)",
                "Nov 12 08:40:03 mx postfix/qmgr[300]: AAAAAAAAA1: removed",
                SUBMIT + "disconnect from a[192.0.2.1] ehlo=2 starttls=1 auth=1 mail=2 rcpt=4 data=2 quit=1 commands=13",
                // retried again, after the submission was emitted
                "Nov 12 09:40:02 mx postfix/qmgr[300]: BBBBBBBBB1: from=<a@x.example>, size=10, nrcpt=1 (queue active)",
                "Nov 12 09:40:03 mx postfix/qmgr[300]: BBBBBBBBB1: removed",
                // should both qmgr lines come before the client= line (lines out of order), the first still counts alone
                "Nov 12 09:50:00 mx postfix/qmgr[300]: CCCCCCCCC1: from=<a@x.example>, size=10, nrcpt=2 (queue active)",
                "Nov 12 09:50:00 mx postfix/qmgr[300]: CCCCCCCCC1: from=<a@x.example>, size=10, nrcpt=5 (queue active)",
                "Nov 12 09:50:00 mx postfix/smtps/smtpd[101]: CCCCCCCCC1: client=a[192.0.2.1], sasl_method=PLAIN, sasl_username=a@x.example");
        assertThat(r.submissions()).extracting(LogSubmission::messageId, LogSubmission::recipients).containsExactly(
                org.assertj.core.groups.Tuple.tuple("m1@x.example", 3),
                org.assertj.core.groups.Tuple.tuple(null, 1),
                org.assertj.core.groups.Tuple.tuple(null, 2));
        assertThat(r.submissions().stream().mapToInt(LogSubmission::recipients).sum()).isEqualTo(6);
    }

    /** A message cleanup rejected, or one whose client gave up during DATA, gets no qmgr line: its recipients are 0, "not logged". */
    @Test
    void aSubmissionWhoseQmgrLineNeverComesHasNoRecipients() {
        Result r = parse(SyslogTime.startingIn(2026), 3,
                SUBMIT + "AAAAAAAAA1: client=a[192.0.2.1], sasl_method=PLAIN, sasl_username=a@x.example",
                "Nov 12 08:30:00 mx postfix/cleanup[200]: AAAAAAAAA1: milter-reject: END-OF-MESSAGE from a[192.0.2.1]: 5.7.1 spam",
                "Nov 12 08:30:01 mx postfix/anvil[4]: statistics: max connection rate 1/60s",
                "Nov 12 08:30:01 mx postfix/anvil[4]: statistics: max connection count 1",
                // the qmgr line after the pending window: the submission went out without it
                QMGR + "AAAAAAAAA1: from=<a@x.example>, size=10, nrcpt=5 (queue active)",
                SUBMIT + "BBBBBBBBB1: client=a[192.0.2.1], sasl_method=PLAIN, sasl_username=b@x.example",
                // the other from= lines qmgr writes have no count
                QMGR + "BBBBBBBBB1: from=<b@x.example>, status=expired, returned to sender",
                SUBMIT + "CCCCCCCCC1: client=a[192.0.2.1], sasl_method=PLAIN, sasl_username=c@x.example");
        assertThat(r.submissions()).extracting(LogSubmission::sender, LogSubmission::envelopeSender, LogSubmission::recipients)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("a@x.example", null, 0),
                        org.assertj.core.groups.Tuple.tuple("b@x.example", "b@x.example", 0),
                        org.assertj.core.groups.Tuple.tuple("c@x.example", null, 0));
    }

    @Test
    void theRecipientCountIsReadFromTheEndOfTheQmgrLine() {
        assertThat(PostfixFields.nrcpt("<a@x>, size=1, nrcpt=1 (queue active)")).isEqualTo(1);
        assertThat(PostfixFields.nrcpt("<>, size=1, nrcpt=250")).isEqualTo(250);
        assertThat(PostfixFields.nrcpt("<a@x>, size=1, nrcpt=12 (queue active)  ")).isEqualTo(12);
        assertThat(PostfixFields.nrcpt("<a@x>, size=1, nrcpt=999999999 (queue active)")).isEqualTo(999_999_999);
        assertThat(PostfixFields.nrcpt("<a@x>, size=1, nrcpt=1234567890 (queue active)")).as("more digits than a count has").isEqualTo(-1);
        assertThat(PostfixFields.nrcpt("<a@x>, size=1, nrcpt= (queue active)")).isEqualTo(-1);
        assertThat(PostfixFields.nrcpt("<a@x>, size=1, nrcpt=-1 (queue active)")).isEqualTo(-1);
        assertThat(PostfixFields.nrcpt("<a@x>, size=1, xnrcpt=3")).isEqualTo(-1);
        assertThat(PostfixFields.nrcpt("<a@x>, status=expired, returned to sender")).isEqualTo(-1);
        assertThat(PostfixFields.nrcpt("<\", nrcpt=7\"@x>, size=1 (queue active)")).isEqualTo(-1);
        assertThat(PostfixFields.nrcpt("<a@x>, size=1, nrcpt=3 queue active)")).isEqualTo(-1);
        assertThat(PostfixFields.nrcpt(")")).isEqualTo(-1);
        assertThat(PostfixFields.nrcpt("")).isEqualTo(-1);
    }

    /** master.cf's stock alternative "qmgr ... oqmgr" logs as postfix/oqmgr: its from= gives the domain of a bare SASL user. */
    @Test
    void theEnvelopeSenderOfOqmgrIsRead() {
        org.mailflow.testing.CollectingSink sink = new org.mailflow.testing.CollectingSink();
        PostfixParser p = new PostfixParser(SyslogTime.startingIn(2026), sink);
        String s = "Nov 12 08:30:00 mx postfix/submission/smtpd[100]: ";
        p.accept(1, s + "connect from a[192.0.2.1]");
        p.accept(2, s + "4A1B2C3D4E: client=a[192.0.2.1], sasl_method=PLAIN, sasl_username=scanner");
        p.accept(3, "Nov 12 08:30:01 mx postfix/oqmgr[300]: 4A1B2C3D4E: from=<scanner@corp.example>, size=1, nrcpt=1 (queue active)");
        p.accept(4, s + "disconnect from a[192.0.2.1] ehlo=2 starttls=1 auth=1 mail=1 rcpt=1 data=1 quit=1 commands=8");
        p.accept(5, "Nov 12 08:30:02 mx postfix/oqmgr[300]: 4A1B2C3D4E: removed");
        assertThat(sink.submissions).as("emitted at removed, before the file ends").hasSize(1);
        assertThat(sink.submissions.get(0).domain()).isEqualTo("corp.example");
    }
}
