package org.mailflow.ingest.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailflow.smtpauth.TlsVersion;
import org.mailflow.testing.CollectingSink;

/**
 * The TLS of a Postfix submission by SPEC 5's five steps, on sessions in the shape Postfix writes
 * them (smtpd.c: {@code connect from}, {@code client=}, {@code disconnect from … commands=N} with the
 * per-command statistics of Postfix ≥ 3.0; tls_misc.c's handshake summary at {@code smtpd_tls_loglevel ≥ 1};
 * {@code name[ip]:port} with {@code smtpd_client_port_logging = yes}).
 */
class PostfixTlsRuleTest {
    private final HandshakeServices handshakes = new HandshakeServices();
    private final CollectingSink collected = new CollectingSink();
    private final List<LogSubmission> submissions = collected.submissions;
    private final List<LogAuthFailure> failures = collected.failures;

    /** Parses one file of the import; the submissions come out decided as the importer decides them at its end. */
    private PostfixParser parse(String... lines) {
        PostfixParser p = new PostfixParser(SyslogTime.startingIn(2026), collected, PostfixParser.DEFAULT_PENDING_WINDOW, handshakes);
        long n = 0;
        for (String l : lines) {
            p.accept(++n, l);
        }
        p.finish();
        return p;
    }

    /** The submissions after the end of the import, by line. */
    private List<LogSubmission> decided() {
        return submissions.stream().map(handshakes::decide).sorted(Comparator.comparingLong(LogSubmission::lineNumber)).toList();
    }

    /** A whole submission session of a default Debian Postfix 3.x: smtpd_tls_loglevel = 0, so no handshake line. */
    private static String[] defaultSession(String service, int pid, String queueId, String user, String stats) {
        String p = "Nov 12 08:30:00 mx postfix/" + service + "/smtpd[" + pid + "]: ";
        return new String[] {
                p + "connect from laptop.example[192.0.2.10]",
                p + queueId + ": client=laptop.example[192.0.2.10], sasl_method=PLAIN, sasl_username=" + user,
                "Nov 12 08:30:01 mx postfix/cleanup[900]: " + queueId + ": message-id=<" + queueId + "@laptop.example>",
                "Nov 12 08:30:01 mx postfix/qmgr[901]: " + queueId + ": from=<" + user + ">, size=1234, nrcpt=1 (queue active)",
                p + "disconnect from laptop.example[192.0.2.10]" + stats,
                "Nov 12 08:30:02 mx postfix/local[902]: " + queueId + ": to=<x@mx.example>, relay=local, status=sent (delivered)",
                "Nov 12 08:30:02 mx postfix/qmgr[901]: " + queueId + ": removed"};
    }

    @Test
    void aDefaultPostfixSessionWithStarttlsInItsStatisticsIsTls() {
        parse(defaultSession("submission", 100, "4A1B2C3D4E", "alice@x.example",
                " ehlo=2 starttls=1 auth=1 mail=1 rcpt=1 data=1 quit=1 commands=8"));
        assertThat(decided()).extracting(LogSubmission::sender, LogSubmission::tls, LogSubmission::tlsCipher, LogSubmission::messageId)
                .containsExactly(tuple("alice@x.example", TlsVersion.TLS, null, "4A1B2C3D4E@laptop.example"));
    }

    @Test
    void statisticsWithoutASuccessfulStarttlsAreNone() {
        parse(defaultSession("smtp", 100, "4A1B2C3D4E", "printer@x.example", " ehlo=1 auth=1 mail=1 rcpt=1 data=1 quit=1 commands=6"));
        parse(defaultSession("smtp", 101, "5A1B2C3D4E", "scanner@x.example",
                " ehlo=2 starttls=0/1 auth=1 mail=1 rcpt=1 data=1 quit=1 commands=7/8"));
        assertThat(decided()).extracting(LogSubmission::sender, LogSubmission::tls)
                .containsExactly(tuple("printer@x.example", TlsVersion.NONE), tuple("scanner@x.example", TlsVersion.NONE));
    }

    /** Port 465 (smtps, or submissions in Postfix ≥ 3.5's stock master.cf) is TLS from the first byte. */
    @Test
    void aServiceThatAlwaysEncryptsIsTlsEvenWithoutStatistics() {
        parse(defaultSession("smtps", 100, "4A1B2C3D4E", "a@x.example", " ehlo=1 auth=1 mail=1 rcpt=1 data=1 quit=1 commands=6"));
        parse(defaultSession("submissions", 101, "5A1B2C3D4E", "b@x.example", ""));
        assertThat(decided()).extracting(LogSubmission::sender, LogSubmission::tls)
                .containsExactly(tuple("a@x.example", TlsVersion.TLS), tuple("b@x.example", TlsVersion.TLS));
    }

    /** Postfix before 3.0 logs no statistics: with no handshake logging anywhere, nothing says whether it was encrypted. */
    @Test
    void withoutStatisticsOrHandshakesTheTlsIsUnknown() {
        parse(defaultSession("submission", 100, "4A1B2C3D4E", "a@x.example", ""));
        assertThat(decided()).extracting(LogSubmission::tls, LogSubmission::undecidedService)
                .containsExactly(tuple(TlsVersion.UNKNOWN, null));
        assertThat(submissions).extracting(LogSubmission::undecidedService).containsExactly("mx postfix/submission/smtpd");
    }

    /** A service that logs handshakes logs one for every encrypted connection: one without is none, even if the handshakes come later in the import. */
    @Test
    void withoutStatisticsAConnectionOfAServiceThatLogsHandshakesIsNone() {
        parse(defaultSession("submission", 100, "4A1B2C3D4E", "before@x.example", ""));
        // the next file of the import: the same service, now with handshakes
        parse("Nov 13 09:00:00 mx postfix/submission/smtpd[200]: connect from b[192.0.2.20]",
                "Nov 13 09:00:00 mx postfix/submission/smtpd[200]: Anonymous TLS connection established from b[192.0.2.20]: "
                        + "TLSv1.2 with cipher ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits)",
                "Nov 13 09:00:01 mx postfix/submission/smtpd[200]: 6A1B2C3D4E: client=b[192.0.2.20], sasl_method=LOGIN, "
                        + "sasl_username=tls@x.example",
                "Nov 13 09:00:02 mx postfix/submission/smtpd[200]: disconnect from b[192.0.2.20]",
                "Nov 13 09:00:03 mx postfix/submission/smtpd[201]: connect from c[192.0.2.21]",
                "Nov 13 09:00:04 mx postfix/submission/smtpd[201]: 7A1B2C3D4E: client=c[192.0.2.21], sasl_method=LOGIN, "
                        + "sasl_username=after@x.example",
                "Nov 13 09:00:05 mx postfix/submission/smtpd[201]: disconnect from c[192.0.2.21]",
                // another service of the same host that logs no handshake stays unknown
                "Nov 13 09:00:06 mx postfix/smtpd[202]: connect from d[192.0.2.22]",
                "Nov 13 09:00:07 mx postfix/smtpd[202]: 8A1B2C3D4E: client=d[192.0.2.22], sasl_method=LOGIN, sasl_username=other@x.example",
                "Nov 13 09:00:08 mx postfix/smtpd[202]: disconnect from d[192.0.2.22]");
        assertThat(decided()).extracting(LogSubmission::sender, LogSubmission::tls).containsExactlyInAnyOrder(
                tuple("before@x.example", TlsVersion.NONE),
                tuple("tls@x.example", TlsVersion.TLS1_2),
                tuple("after@x.example", TlsVersion.NONE),
                tuple("other@x.example", TlsVersion.UNKNOWN));
    }

    /** smtpd_client_port_logging = yes: name[ip]:port on every line; the handshake keeps its version and cipher. */
    @Test
    void clientPortLoggingIsReadOnEveryLine() {
        PostfixParser p = parse(
                "Nov 12 08:30:00 mx postfix/submission/smtpd[100]: connect from laptop.example[2001:db8::10]:52344",
                "Nov 12 08:30:00 mx postfix/submission/smtpd[100]: Anonymous TLS connection established from "
                        + "laptop.example[2001:db8::10]:52344: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) "
                        + "key-exchange X25519 server-signature RSA-PSS (2048 bits) server-digest SHA256",
                "Nov 12 08:30:01 mx postfix/submission/smtpd[100]: warning: laptop.example[2001:db8::10]:52344: SASL LOGIN "
                        + "authentication failed: UGFzc3dvcmQ6, sasl_username=alice@x.example",
                "Nov 12 08:30:02 mx postfix/submission/smtpd[100]: 4A1B2C3D4E: client=laptop.example[2001:db8::10]:52344, "
                        + "sasl_method=PLAIN, sasl_username=alice@x.example",
                "Nov 12 08:30:03 mx postfix/submission/smtpd[100]: disconnect from laptop.example[2001:db8::10]:52344 ehlo=2 "
                        + "starttls=1 auth=1/2 mail=1 rcpt=1 data=1 quit=1 commands=8/9");
        assertThat(decided()).extracting(LogSubmission::clientIp, LogSubmission::tls, LogSubmission::tlsCipher)
                .containsExactly(tuple("2001:db8::10", TlsVersion.TLS1_3, "TLS_AES_256_GCM_SHA384"));
        assertThat(failures).extracting(LogAuthFailure::account, LogAuthFailure::clientIp)
                .containsExactly(tuple("alice@x.example", "2001:db8::10"));
        assertThat(p.stats()).isEqualTo(new LogStats(5, 5, 0, 0, 1, 1));
    }

    /** Postfix logs "to SNI" when the client sent one, and "reused" for a resumed session. */
    @Test
    void sniAndResumedSessionsKeepTheirVersionAndCipher() {
        parse("Nov 12 08:30:00 mx postfix/submission/smtpd[100]: connect from a[192.0.2.1]:40000",
                "Nov 12 08:30:00 mx postfix/submission/smtpd[100]: Untrusted TLS connection established from a[192.0.2.1]:40000 to "
                        + "smtp.x.example: TLSv1.2 with cipher ECDHE-RSA-AES128-GCM-SHA256 (128/128 bits)",
                "Nov 12 08:30:01 mx postfix/submission/smtpd[100]: 4A1B2C3D4E: client=a[192.0.2.1]:40000, sasl_method=PLAIN, "
                        + "sasl_username=sni@x.example",
                "Nov 12 08:30:02 mx postfix/submission/smtpd[100]: disconnect from a[192.0.2.1]:40000 ehlo=2 starttls=1 auth=1 mail=1 "
                        + "rcpt=1 data=1 quit=1 commands=8",
                "Nov 12 08:30:03 mx postfix/submission/smtpd[101]: connect from b[192.0.2.2]",
                "Nov 12 08:30:03 mx postfix/submission/smtpd[101]: Anonymous TLS connection reused from b[192.0.2.2]: TLSv1.1 with "
                        + "cipher ECDHE-RSA-AES256-SHA (256/256 bits)",
                "Nov 12 08:30:04 mx postfix/submission/smtpd[101]: 5A1B2C3D4E: client=b[192.0.2.2], sasl_method=LOGIN, "
                        + "sasl_username=resumed@x.example");
        assertThat(decided()).extracting(LogSubmission::sender, LogSubmission::tls, LogSubmission::tlsCipher).containsExactly(
                tuple("sni@x.example", TlsVersion.TLS1_2, "ECDHE-RSA-AES128-GCM-SHA256"),
                tuple("resumed@x.example", TlsVersion.TLS1_1, "ECDHE-RSA-AES256-SHA"));
    }

    /**
     * Postfix 3.10 writes "QUEUEID: lost connection …" or "NOQUEUE: lost connection …"; the disconnect
     * that follows still carries the statistics that decide the TLS.
     */
    @Test
    void theStatisticsAfterALostConnectionStillDecide() {
        parse("Nov 12 08:30:00 mx postfix/submission/smtpd[100]: connect from a[192.0.2.1]",
                "Nov 12 08:30:01 mx postfix/submission/smtpd[100]: 4A1B2C3D4E: client=a[192.0.2.1], sasl_method=PLAIN, "
                        + "sasl_username=a@x.example",
                "Nov 12 08:30:02 mx postfix/submission/smtpd[100]: 4A1B2C3D4E: lost connection after DATA (1234 bytes) from a[192.0.2.1]",
                "Nov 12 08:30:02 mx postfix/submission/smtpd[100]: disconnect from a[192.0.2.1] ehlo=2 starttls=1 auth=1 mail=1 rcpt=1 "
                        + "data=0/1 commands=6/7",
                "Nov 12 08:30:03 mx postfix/submission/smtpd[101]: connect from b[192.0.2.2]",
                "Nov 12 08:30:04 mx postfix/submission/smtpd[101]: 5A1B2C3D4E: client=b[192.0.2.2], sasl_method=PLAIN, "
                        + "sasl_username=b@x.example",
                "Nov 12 08:30:05 mx postfix/submission/smtpd[101]: NOQUEUE: lost connection after QUIT from b[192.0.2.2]",
                "Nov 12 08:30:05 mx postfix/submission/smtpd[101]: disconnect from b[192.0.2.2] ehlo=1 auth=1 mail=1 rcpt=1 data=1 "
                        + "commands=5");
        assertThat(decided()).extracting(LogSubmission::sender, LogSubmission::tls)
                .containsExactly(tuple("a@x.example", TlsVersion.TLS), tuple("b@x.example", TlsVersion.NONE));
    }

    /** The envelope sender and "removed" usually come before the disconnect: the submission waits for it. */
    @Test
    void aSubmissionWaitsForItsConnectionToEndWhateverComesFirst() {
        List<String> lines = new ArrayList<>(List.of(
                "Nov 12 08:30:00 mx postfix/submission/smtpd[100]: connect from a[192.0.2.1]",
                "Nov 12 08:30:01 mx postfix/submission/smtpd[100]: 4A1B2C3D4E: client=a[192.0.2.1], sasl_method=PLAIN, "
                        + "sasl_username=first",
                "Nov 12 08:30:01 mx postfix/qmgr[901]: 4A1B2C3D4E: from=<first@x.example>, size=1, nrcpt=1 (queue active)",
                "Nov 12 08:30:02 mx postfix/qmgr[901]: 4A1B2C3D4E: removed",
                "Nov 12 08:30:02 mx postfix/submission/smtpd[100]: 5A1B2C3D4E: client=a[192.0.2.1], sasl_method=PLAIN, "
                        + "sasl_username=second"));
        List<LogSubmission> seenBeforeDisconnect = new ArrayList<>();
        PostfixParser p = new PostfixParser(SyslogTime.startingIn(2026), new LogSink() {
            @Override
            public void submission(LogSubmission s) {
                seenBeforeDisconnect.add(s);
            }

            @Override
            public void authFailure(LogAuthFailure f) {
            }
        }, PostfixParser.DEFAULT_PENDING_WINDOW, handshakes);
        long n = 0;
        for (String l : lines) {
            p.accept(++n, l);
        }
        assertThat(seenBeforeDisconnect).as("nothing is known about the TLS before the disconnect").isEmpty();
        p.accept(++n, "Nov 12 08:30:03 mx postfix/submission/smtpd[100]: disconnect from a[192.0.2.1] ehlo=2 starttls=1 auth=1 "
                + "mail=2 rcpt=2 data=2 quit=1 commands=11");
        assertThat(seenBeforeDisconnect).extracting(LogSubmission::sender, LogSubmission::domain, LogSubmission::tls)
                .containsExactly(tuple("first", "x.example", TlsVersion.TLS));
        p.accept(++n, "Nov 12 08:30:04 mx postfix/qmgr[901]: 5A1B2C3D4E: from=<second@y.example>, size=1, nrcpt=1 (queue active)");
        assertThat(seenBeforeDisconnect).extracting(LogSubmission::sender, LogSubmission::domain, LogSubmission::tls)
                .containsExactly(tuple("first", "x.example", TlsVersion.TLS), tuple("second", "y.example", TlsVersion.TLS));
    }

    /** A new connection of the same process without the old one's disconnect (a cut log): the old one ended without statistics. */
    @Test
    void aConnectWithoutThePreviousDisconnectEndsThePreviousConnection() {
        parse("Nov 12 08:30:00 mx postfix/submission/smtpd[100]: connect from a[192.0.2.1]",
                "Nov 12 08:30:01 mx postfix/submission/smtpd[100]: 4A1B2C3D4E: client=a[192.0.2.1], sasl_method=PLAIN, "
                        + "sasl_username=cut@x.example",
                "Nov 12 08:31:00 mx postfix/submission/smtpd[100]: connect from b[192.0.2.2]",
                "Nov 12 08:31:01 mx postfix/submission/smtpd[100]: 5A1B2C3D4E: client=b[192.0.2.2], sasl_method=PLAIN, "
                        + "sasl_username=next@x.example",
                "Nov 12 08:31:02 mx postfix/submission/smtpd[100]: disconnect from b[192.0.2.2] ehlo=2 starttls=1 auth=1 mail=1 rcpt=1 "
                        + "data=1 quit=1 commands=8");
        assertThat(decided()).extracting(LogSubmission::sender, LogSubmission::tls)
                .containsExactly(tuple("cut@x.example", TlsVersion.UNKNOWN), tuple("next@x.example", TlsVersion.TLS));
    }

    /** Postfix 3.11 writes sasl_username=(unavailable) when it could not learn the name. */
    @Test
    void anUnavailableUserNameIsTheEmptyAccount() {
        parse("Nov 12 08:30:01 mx postfix/submission/smtpd[100]: warning: unknown[203.0.113.5]:51000: SASL LOGIN authentication "
                + "failed: UGFzc3dvcmQ6, sasl_username=(unavailable)");
        assertThat(failures).extracting(LogAuthFailure::account, LogAuthFailure::clientIp).containsExactly(tuple("", "203.0.113.5"));
    }
}
