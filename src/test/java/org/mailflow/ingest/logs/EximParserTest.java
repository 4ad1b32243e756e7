package org.mailflow.ingest.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mailflow.smtpauth.TlsVersion;
import org.mailflow.testing.CollectingSink;

/**
 * SPEC 5 "Exim": the main log as Exim writes it to its own file and through syslog. Fixture lines
 * follow Exim's own code (receive.c for {@code <=} lines, smtp_in.c for authenticator failures,
 * log.c's write_syslog for syslog parts).
 */
class EximParserTest {
    private final CollectingSink sink = new CollectingSink();
    private final List<LogSubmission> submissions = sink.submissions;
    private final List<LogAuthFailure> failures = sink.failures;
    private EximParser parser = new EximParser(sink, SyslogTime.startingIn(2026));

    private static final String HEAD = "2026-11-12 08:30:00 [4242] 1tABCD-000123-AB <= ";

    private void feed(String... lines) {
        for (int i = 0; i < lines.length; i++) {
            parser.accept(i + 1, lines[i]);
        }
        parser.finish();
    }

    private LogSubmission only() {
        assertThat(parser.malformed()).isEmpty();
        assertThat(submissions).hasSize(1);
        return submissions.get(0);
    }

    private static long utc(String iso) {
        return OffsetDateTime.parse(iso).toEpochSecond();
    }

    @Test
    void authenticatorWithIdGivesTheIdAsSender() {
        feed(HEAD + "Env@X.example H=(helo) [192.0.2.1]:587 P=esmtpsa X=TLS1.3:TLS_AES_256_GCM_SHA384:256 CV=no"
                + " A=dovecot_plain:Bob@Y.example S=1234 id=msgid@x");
        LogSubmission s = only();
        assertThat(s.sender()).isEqualTo("bob@y.example");
        assertThat(s.domain()).isEqualTo("y.example");
        assertThat(s.authMethod()).isEqualTo("PLAIN");
        assertThat(s.clientIp()).isEqualTo("192.0.2.1");
        assertThat(s.messageId()).isEqualTo("msgid@x");
        assertThat(s.envelopeSender()).isEqualTo("Env@X.example");
        assertThat(s.server()).as("Exim's own file does not name the host").isNull();
        assertThat(s.lineNumber()).isEqualTo(1);
        assertThat(s.epochSecond()).isEqualTo(utc("2026-11-12T08:30:00Z"));
    }

    @Test
    void authenticatorWithoutIdGivesTheEnvelopeSender() {
        feed("2026-11-12 08:30:00 1abcDE-0001ab-Cd <= Alice@X.example H=[192.0.2.7]:587 P=esmtpa A=login_server"
                + " S=10 id=<m1@x>");
        LogSubmission s = only();
        assertThat(s.sender()).isEqualTo("alice@x.example");
        assertThat(s.domain()).isEqualTo("x.example");
        assertThat(s.authMethod()).isEqualTo("LOGIN");
        assertThat(s.messageId()).as("stored without angle brackets, like every source").isEqualTo("m1@x");
    }

    /** With log_selector = +smtp_mailauth Exim adds the AUTH= sender of MAIL FROM as a third part. */
    @Test
    void theIdIsTheSecondPartOfAnAEqualsWithTheMailAuthSender() {
        feed(HEAD + "list@x.example H=(h) [192.0.2.1]:587 P=esmtpsa X=TLS1.2:ECDHE-RSA-AES256-GCM-SHA384:256"
                + " A=dovecot_login:Carol@X.example:boss@x.example S=12 id=a@b");
        LogSubmission s = only();
        assertThat(s.sender()).isEqualTo("carol@x.example");
        assertThat(s.authMethod()).isEqualTo("LOGIN");
    }

    /** Exim logs flags after A= (PRDR, K for CHUNKING); they are not part of the id. */
    @Test
    void flagsAfterTheAuthenticatorAreNotPartOfTheId() {
        feed(HEAD + "a@x.example H=(h) [192.0.2.1]:587 P=esmtpsa X=TLS1.3:TLS_AES_256_GCM_SHA384:256 A=plain:dave@x.example PRDR K"
                + " S=40 id=z@x");
        assertThat(only().sender()).isEqualTo("dave@x.example");
    }

    @Test
    void bareUserTakesTheDomainOfTheEnvelopeSender() {
        feed(HEAD + "printer@Office.example H=(scanner) [192.0.2.9]:25 P=esmtpa A=plain:scanner01 S=99");
        LogSubmission s = only();
        assertThat(s.sender()).isEqualTo("scanner01");
        assertThat(s.domain()).isEqualTo("office.example");
        assertThat(s.messageId()).isNull();
    }

    @Test
    void openSslSpellingOfXGivesVersionAndCipher() {
        feed(HEAD + "a@x.example H=(h) [192.0.2.1]:587 P=esmtpsa X=TLSv1.2:ECDHE-RSA-AES256-GCM-SHA384:256 CV=no"
                + " A=dovecot_login:a@x.example S=1");
        LogSubmission s = only();
        assertThat(s.tls()).isEqualTo(TlsVersion.TLS1_2);
        assertThat(s.tlsCipher()).isEqualTo("ECDHE-RSA-AES256-GCM-SHA384");
    }

    @Test
    void gnuTlsSpellingOfXGivesVersionAndCipher() {
        feed(HEAD + "a@x.example H=(h) [192.0.2.1]:587 P=esmtpsa X=TLS1.0:ECDHE_RSA_AES_256_CBC_SHA1:256 CV=no"
                + " A=dovecot_plain:a@x.example S=1");
        LogSubmission s = only();
        assertThat(s.tls()).isEqualTo(TlsVersion.TLS1_0);
        assertThat(s.tlsCipher()).isEqualTo("ECDHE_RSA_AES_256_CBC_SHA1");
    }

    /** X= is only logged for an encrypted session, so a version this build does not know is still TLS, never a dropped submission. */
    @ParameterizedTest(name = "X={0} is {1}")
    @CsvSource({
            "TLS1.4:TLS_AES_256_GCM_SHA384:256, TLS",
            "QUIC:x:1, TLS",
            "SSLv9:x:1, TLS",
            ":x:1, TLS",
            "none:x:1, TLS",
            "SSLv3:RC4-MD5:128, TLS1_0",
            "TLS1.3:TLS_AES_128_GCM_SHA256:128, TLS1_3",
    })
    void anUnrecognisedXVersionIsEncryptedWithoutAVersion(String x, TlsVersion expected) {
        feed(HEAD + "a@x.example H=(h) [192.0.2.1]:587 P=esmtpsa X=" + x + " A=plain:a@x.example S=1");
        assertThat(only().tls()).isEqualTo(expected);
    }

    @Test
    void noXMeansNoTls() {
        feed(HEAD + "a@x.example H=(h) [192.0.2.1]:25 P=esmtpa A=fixed_plain:a@x.example S=1");
        LogSubmission s = only();
        assertThat(s.tls()).isEqualTo(TlsVersion.NONE);
        assertThat(s.tlsCipher()).isNull();
    }

    @Test
    void fakeFieldsInsideTheQuotedSubjectAreIgnored() {
        feed(HEAD + "a@x.example H=(h) [192.0.2.1]:587 P=esmtpsa X=TLS1.3:TLS_AES_128_GCM_SHA256:128"
                        + " A=dovecot_plain:real@x.example S=5 id=<r@x> T=\"subject with A=fake:evil@y X=TLSv1:RC4:1"
                        + " H=[6.6.6.6] \\\"quoted\\\" id=<fake>\"",
                "2026-11-12 08:31:00 1tABCD-000124-AB <= b@x.example H=mx.example [198.51.100.2]:25 P=esmtps"
                        + " S=5 T=\"Re: A=fake:evil@y X=TLSv1.3:x:1\" from <b@x.example> for A=c@x.example");
        LogSubmission s = only();
        assertThat(s.sender()).isEqualTo("real@x.example");
        assertThat(s.tls()).isEqualTo(TlsVersion.TLS1_3);
        assertThat(s.clientIp()).isEqualTo("192.0.2.1");
        assertThat(s.messageId()).isEqualTo("r@x");
        assertThat(parser.irrelevant()).isEqualTo(1);
    }

    /**
     * log_selector = +received_recipients: Exim appends " for" and each raw recipient after every field
     * of the {@code <=} line (log.c, LOG_RECIPIENTS), behind the " from <sender>" of +received_sender.
     */
    @Test
    void theForListOfReceivedRecipientsGivesTheNumberOfRecipients() {
        String fields = " H=(h) [192.0.2.1]:587 P=esmtpsa X=TLS1.3:TLS_AES_256_GCM_SHA384:256 CV=no A=dovecot_plain:a@x.example S=1234";
        feed(HEAD + "a@x.example" + fields + " id=one@x for bob@y.example",
                HEAD + "a@x.example" + fields + " id=several@x for bob@y.example carol@z.example \"dave smith\"@y.example erin",
                HEAD + "a@x.example" + fields + " id=none@x",
                HEAD + "a@x.example" + fields + " id=sender@x from <a@x.example> for bob@y.example carol@z.example",
                HEAD + "a@x.example" + fields + " id=onlysender@x from <>",
                // +subject: a " for " inside T="…" is the subject's, not the list
                HEAD + "a@x.example" + fields + " id=subject@x T=\"Invoice for March for you\"",
                HEAD + "a@x.example" + fields + " id=both@x T=\"Tickets for two: \\\"for\\\" us\" for bob@y.example",
                // a HELO name in parentheses and a message-id holding the word keep it inside their word
                "2026-11-12 08:30:00 1tABCD-000125-AB <= a@x.example H=(for) [192.0.2.1]:587 P=esmtpa A=plain:a@x.example S=1"
                        + " id=\"a for b\"@x for bob@y.example carol@z.example",
                // a list Exim cut at its log buffer's end counts what it shows
                HEAD + "a@x.example" + fields + " id=cut@x for bob@y.example carol@z.ex<trunc>");
        assertThat(parser.malformed()).isEmpty();
        assertThat(submissions).extracting(LogSubmission::messageId, LogSubmission::recipients).containsExactly(
                tuple("one@x", 1), tuple("several@x", 4), tuple("none@x", 0), tuple("sender@x", 2), tuple("onlysender@x", 0),
                tuple("subject@x", 0), tuple("both@x", 1), tuple("\"a for b\"@x", 2), tuple("cut@x", 2));
        assertThat(submissions).extracting(LogSubmission::sender).containsOnly("a@x.example");
    }

    /** msg_id_created logs the message-id Exim made for a message that had none as id*=. */
    @Test
    void aMessageIdEximCreatedIsReadToo() {
        feed(HEAD + "a@x.example H=(h) [192.0.2.1]:587 P=esmtpsa A=plain:a@x.example S=1 id*=E1tABCD-000123-AB@mx.example");
        assertThat(only().messageId()).isEqualTo("E1tABCD-000123-AB@mx.example");
    }

    @Test
    void helloNameThatLooksLikeFieldsIsNotTakenForThem() {
        feed(HEAD + "a@x.example H=(A=x:evil [192.0.2.99]) [192.0.2.1]:587 P=esmtpa S=1");
        assertThat(submissions).isEmpty();
        assertThat(parser.irrelevant()).isEqualTo(1);
    }

    @Test
    void receptionWithoutAuthenticatorIsIrrelevant() {
        feed(HEAD + "news@x.example H=mail.example [198.51.100.2]:25 P=esmtps X=TLS1.3:TLS_AES_256_GCM_SHA384:256 S=1",
                "2026-11-12 08:30:01 1tABCD-000123-AB => bob@x.example R=local T=local_delivery",
                "2026-11-12 08:30:01 1tABCD-000123-AB Completed");
        assertThat(submissions).isEmpty();
        assertThat(parser.submissions()).isZero();
        assertThat(parser.irrelevant()).isEqualTo(3);
        assertThat(parser.malformedCount()).isZero();
    }

    @Test
    void authenticatorFailuresCountWithTheirAccountAndClientIpAndWithoutSetIdUnderTheEmptyAccount() {
        feed("2026-11-12 08:30:00 dovecot_plain authenticator failed for (helo) [192.0.2.1]:587 I=[10.0.0.1]:587:"
                        + " 535 Incorrect authentication data (set_id=Bob@X.example)",
                "2026-11-12 08:30:05 [77] login authenticator failed for H=host.example (h) [2001:db8::5]:41000:"
                        + " 535 Incorrect authentication data (set_id=carol)",
                "2026-11-12 08:30:06 login authenticator failed for (h) [192.0.2.3]: 535 Incorrect authentication data",
                // a deferred check: Exim writes the reason after the set_id
                "2026-11-12 08:30:07 dovecot_login authenticator failed for H=(x) [192.0.2.4]:50000 I=[10.0.0.1]:465 Ci=9:"
                        + " 435 Unable to authenticate at present (set_id=dave@x.example): account suspended",
                "2026-11-12 08:30:08 cram_md5_server authenticator failed for ([192.0.2.5]) [192.0.2.5]:1234:"
                        + " 535 Incorrect authentication data (set_id=Erin Smith)",
                "2026-11-12 08:30:09 plain_server authenticator failed for (h) [192.0.2.6]:1: 435 Internal error (set_id=frank):"
                        + " return 3 from authentication check");
        assertThat(submissions).isEmpty();
        assertThat(failures).extracting(LogAuthFailure::account, LogAuthFailure::clientIp, LogAuthFailure::authMethod).containsExactly(
                tuple("bob@x.example", "192.0.2.1", "PLAIN"),
                tuple("carol", "2001:db8::5", "LOGIN"),
                tuple("", "192.0.2.3", "LOGIN"),
                tuple("dave@x.example", "192.0.2.4", "LOGIN"),
                tuple("erin smith", "192.0.2.5", "CRAM-MD5"),
                tuple("frank", "192.0.2.6", "PLAIN"));
        assertThat(failures.get(0).lineNumber()).isEqualTo(1);
        assertThat(parser.authFailures()).isEqualTo(6);
        assertThat(parser.stats()).isEqualTo(new LogStats(6, 6, 0, 0, 0, 6));
    }

    @Test
    void ipv6HostIsReadWithoutBracketsOrPort() {
        feed(HEAD + "a@x.example H=client.example ([2001:db8::9]) [2001:DB8::1]:587 I=[2001:db8::25]:587 P=esmtpsa"
                + " X=TLS1.2:ECDHE_RSA_AES_128_GCM_SHA256:128 A=xoauth2_server:a@x.example S=1");
        LogSubmission s = only();
        assertThat(s.clientIp()).isEqualTo("2001:db8::1");
        assertThat(s.authMethod()).isEqualTo("XOAUTH2");
    }

    @Test
    void timezoneOffsetAndNewStyleQueueIdsAreRead() {
        feed("2026-11-12 08:30:00 +0100 [12] 1tABCD-00000000123-ABCD <= a@x.example H=[192.0.2.1]:587 A=plain:a@x.example",
                "2026-11-12 08:30:00.123-0500 1tABCD-000123-AB <= a@x.example H=[192.0.2.1]:587 A=plain:a@x.example");
        assertThat(parser.malformed()).isEmpty();
        assertThat(submissions).extracting(LogSubmission::epochSecond).containsExactly(
                utc("2026-11-12T07:30:00Z"), utc("2026-11-12T13:30:00Z"));
    }

    /** SPEC 2: an authenticator name maps to the mechanism one of its parts names, else it is kept upper-cased. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "dovecot_login, LOGIN",
            "dovecot_plain, PLAIN",
            "plain_server, PLAIN",
            "login_saslauthd_server, LOGIN",
            "cram, CRAM-MD5",
            "cram_md5, CRAM-MD5",
            "CRAM_MD5, CRAM-MD5",
            "cram-md5-server, CRAM-MD5",
            "crammd5, CRAM-MD5",
            "xoauth2, XOAUTH2",
            "XOAuth2_server, XOAUTH2",
            "oauthbearer, OAUTHBEARER",
            "ntlm_server, NTLM",
            "spa_ntlm, NTLM",
            "digest_md5, DIGEST-MD5",
            "gsasl_scram_sha_256, SCRAM-SHA-256",
            "scram, SCRAM-SHA-1",
            "heimdal_gssapi, GSSAPI",
            "tls_external, EXTERNAL",
            "my_spa, NTLM", "my_auth, MY_AUTH",
            "sasl, SASL",
            "loginx, LOGINX",
    })
    void authenticatorNamesMapToTheirMechanism(String name, String method) {
        assertThat(EximParser.authMethodOf(name)).isEqualTo(method);
    }

    /** Exim with log_file_path = syslog: the syslog daemon's prefix, with Exim's own timestamp (the default) or without it. */
    @Test
    void linesLoggedThroughSyslogAreReadWithOrWithoutEximsOwnTimestamp() {
        feed("Jun 29 16:04:19 mx1 exim[1234]: 2026-06-29 16:04:19 1tABCD-000123-AB <= a@x.example H=(h) [192.0.2.1]:587 "
                        + "P=esmtpsa X=TLS1.3:TLS_AES_256_GCM_SHA384:256 CV=no A=dovecot_plain:a@x.example S=1 id=one@x",
                "Jun 29 17:00:00 mx1 exim[1235]: 1tABCD-000124-AB <= b@x.example H=(h) [192.0.2.2]:587 "
                        + "P=esmtpsa X=TLSv1.2:ECDHE-RSA-AES128-GCM-SHA256:128 A=dovecot_login:b@x.example S=1 id=two@x",
                "Jun 29 17:00:01 mx1 exim[1236]: [1236] 1tABCD-000125-AB <= c@x.example H=(h) [192.0.2.3]:587 P=esmtpa "
                        + "A=plain:c@x.example S=1",
                "2026-06-29T18:00:00.123456+02:00 mx2 exim4[99]: 1tABCD-000126-AB <= d@x.example H=[192.0.2.4]:587 P=esmtpa "
                        + "A=plain:d@x.example S=1",
                "Jun 29 18:00:02 mx2 exim4[99]: 2026-06-29 18:00:02 login authenticator failed for (h) [192.0.2.9]:1: "
                        + "535 Incorrect authentication data (set_id=mallory)",
                "Jun 29 18:00:03 mx2 exim[100]: login authenticator failed for (h) [192.0.2.9]:2: 535 Incorrect authentication data",
                "Jun 29 18:00:04 mx2 dovecot: imap-login: Login: user=<a@x.example>",
                "Jun 29 18:00:05 mx2 exim[100]: Start queue run: pid=100");
        assertThat(parser.malformed()).isEmpty();
        assertThat(submissions).extracting(LogSubmission::sender, LogSubmission::epochSecond, LogSubmission::tls, LogSubmission::server)
                .containsExactly(
                        tuple("a@x.example", utc("2026-06-29T16:04:19Z"), TlsVersion.TLS1_3, "mx1"),
                        tuple("b@x.example", utc("2026-06-29T17:00:00Z"), TlsVersion.TLS1_2, "mx1"),
                        tuple("c@x.example", utc("2026-06-29T17:00:01Z"), TlsVersion.NONE, "mx1"),
                        tuple("d@x.example", utc("2026-06-29T16:00:00Z"), TlsVersion.NONE, "mx2"));
        assertThat(failures).extracting(LogAuthFailure::account, LogAuthFailure::epochSecond, LogAuthFailure::server).containsExactly(
                tuple("mallory", utc("2026-06-29T18:00:02Z"), "mx2"),
                tuple("", utc("2026-06-29T18:00:03Z"), "mx2"));
        assertThat(parser.stats()).isEqualTo(new LogStats(8, 6, 2, 0, 4, 2));
    }

    /** Exim's own timestamp wins where both exist (a syslog daemon may stamp the time it received the line). */
    @Test
    void eximsOwnTimestampWinsOverTheSyslogStamp() {
        feed("Jun 29 16:04:21 mx1 exim[1234]: 2026-06-29 16:04:19 +0200 1tABCD-000123-AB <= a@x.example H=[192.0.2.1]:587 "
                + "A=plain:a@x.example S=1");
        assertThat(only().epochSecond()).isEqualTo(utc("2026-06-29T14:04:19Z"));
    }

    /** Classic syslog stamps have no year: the file's year rule gives it, as for Postfix. */
    @Test
    void classicSyslogStampsTakeTheYearOfTheFilesYearRule() {
        parser = new EximParser(sink, SyslogTime.startingIn(2025));
        feed("Dec 31 23:59:00 mx exim[1]: 1tABCD-000123-AB <= a@x.example H=[192.0.2.1]:587 A=plain:a@x.example S=1",
                "Jan  1 00:01:00 mx exim[1]: 1tABCD-000124-AB <= b@x.example H=[192.0.2.1]:587 A=plain:b@x.example S=1");
        assertThat(submissions).extracting(LogSubmission::epochSecond).containsExactly(
                utc("2025-12-31T23:59:00Z"), utc("2026-01-01T00:01:00Z"));
    }

    /** A line longer than Exim's syslog limit (870 characters) comes in numbered parts; they are joined. */
    @Test
    void aLineSplitForSyslogIsJoinedFromItsParts() {
        String recipients = "for " + "someone@recipients.example ".repeat(40).strip();
        String whole = "1tABCD-000123-AB <= a@x.example H=(h) [192.0.2.1]:587 P=esmtpsa X=TLS1.3:TLS_AES_256_GCM_SHA384:256 "
                + "A=dovecot_plain:a@x.example S=1 id=long@x " + recipients;
        String first = whole.substring(0, 100);
        String second = whole.substring(100, 700);
        String third = whole.substring(700);
        feed("Jun 29 16:04:19 mx exim[7]: [1/3] " + first,
                "Jun 29 16:04:19 mx exim[8]: 1tABCD-000200-AB <= z@x.example H=[192.0.2.9]:587 A=plain:z@x.example S=1",
                "Jun 29 16:04:19 mx exim[7]: [2/3] " + second,
                "Jun 29 16:04:19 mx exim[7]: [3/3] " + third);
        assertThat(parser.malformed()).isEmpty();
        assertThat(submissions).extracting(LogSubmission::sender, LogSubmission::messageId, LogSubmission::lineNumber,
                        LogSubmission::recipients)
                .containsExactly(tuple("z@x.example", null, 2L, 0), tuple("a@x.example", "long@x", 4L, 40));
        assertThat(parser.stats().lines()).isEqualTo(4);
    }

    /**
     * The import's reading thread passes over, undecoded, the lines that cannot count ({@link EximParser#classify});
     * a parser fed that way counts and finds exactly what it finds in the text, the parts of a split line
     * whose last part holds neither {@code A=} nor {@code authenticator} included.
     */
    @Test
    void linesReadFromTheirBytesCountAsTheirText() {
        String whole = "1tABCD-000123-AB <= a@x.example H=(h) [192.0.2.1]:587 P=esmtpsa X=TLS1.2:ECDHE-RSA-AES256-GCM-SHA384:256 "
                + "A=dovecot_login:a@x.example S=1 id=split@x for b@y.example c@y.example";
        List<String> lines = List.of(
                "2026-11-12 08:30:00 1tABCD-000100-AB => b@y.example R=dnslookup T=remote_smtp H=mx.y.example [192.0.2.7] C=\"250 OK\"",
                "2026-11-12 08:30:00 1tABCD-000100-AB Completed",
                "2026-11-12 08:30:01 SMTP connection from [192.0.2.1]:4711 I=[192.0.2.25]:587 (TCP/IP connection count = 1)",
                HEAD + "a@x.example H=(h) [192.0.2.1]:587 P=esmtpa A=plain:a@x.example S=1 id=one@x",
                "2026-11-12 08:30:02 plain authenticator failed for (h) [192.0.2.3]:1: 535 Incorrect authentication data (set_id=z)",
                "2026-11-12T08:30:03+00:00 mx exim[7]: [1/2] " + whole.substring(0, 120),
                "2026-11-12T08:30:03+00:00 mx exim[8]: 1tABCD-000101-AB Completed",
                "2026-11-12T08:30:03+00:00 mx exim[7]: [2/2] " + whole.substring(120),
                "Nov 12 08:30:04 mx exim[9]: 1tABCD-000102-AB => c@y.example R=dnslookup T=remote_smtp",
                "2026-11-12 08:30:05 1tABCD-000103-AB <= d@x.example H=[192.0.2.4]:587 P=esmtpsa A=plain:d@x.example S=1 id=two@x");
        List<Object> read = new java.util.ArrayList<>();
        for (String line : lines) {
            byte[] b = line.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            Object o = EximParser.classify(b, 0, b.length);
            read.add(o == null ? line : o);
        }
        assertThat(read).filteredOn(o -> o == EximParser.IRRELEVANT).hasSize(4); // the delivery, Completed and connection lines
        assertThat(read.get(7)).isEqualTo(lines.get(7)); // the last part of a split line is joined as text

        CollectingSink bytesSink = new CollectingSink();
        EximParser fromBytes = new EximParser(bytesSink, SyslogTime.startingIn(2026));
        for (int i = 0; i < read.size(); i++) {
            fromBytes.accept(i + 1, read.get(i));
        }
        fromBytes.finish();
        feed(lines.toArray(new String[0]));
        assertThat(fromBytes.stats()).isEqualTo(parser.stats());
        assertThat(bytesSink.submissions).isEqualTo(submissions).extracting(LogSubmission::messageId)
                .containsExactly("one@x", "split@x", "two@x");
        assertThat(bytesSink.failures).isEqualTo(failures).hasSize(1);
    }

    /**
     * log.c's write_syslog marks a part "[i\n]" when a line end of the message follows it (and "[i/n]"
     * when it was cut for length): the line end belongs between that part and the next one.
     */
    @Test
    void aLineEndMarkedOnAPartGoesAfterIt() {
        feed("Jun 29 16:04:19 mx exim[7]: [1/3] login authenticator failed for (h) [192.0.2.1]:1: 535 Incorrect "
                        + "authentication data (set_id=alice.smith@exa",
                "Jun 29 16:04:19 mx exim[7]: [2\\3] mple.com): account suspended",
                "Jun 29 16:04:19 mx exim[7]: [3/3] see the administrator");
        assertThat(failures).extracting(LogAuthFailure::account, LogAuthFailure::lineNumber).containsExactly(tuple("alice.smith@example.com", 3L));
    }

    @Test
    void malformedRelevantLinesAreReportedWithLineNumbers() {
        feed("just noise",
                HEAD + "a@x.example H=[192.0.2.1]:587 A=plain:bad\u0007name",
                "2026-13-45 08:30:00 1tABCD-000123-AB <= a@x.example H=[192.0.2.1]:587 A=plain:a@x.example",
                "garbage 1tABCD-000123-AB <= a@x.example A=plain:a@x.example",
                HEAD + "<> H=[192.0.2.1]:587 A=plain",
                HEAD + "a@x.example H=(helo) no-address A=plain:a@x.example",
                "0001-01-01 00:00:00 1tABCD-000123-AB <= a@x.example H=[192.0.2.1]:587 A=plain:a@x.example",
                "9999-12-31 23:59:59 login authenticator failed for (h) [192.0.2.3]: 535 Incorrect authentication data");
        assertThat(submissions).isEmpty();
        assertThat(failures).isEmpty();
        assertThat(parser.malformed()).extracting(BadLine::lineNumber).containsExactly(2L, 3L, 4L, 5L, 6L, 7L, 8L);
        assertThat(parser.malformed().get(5).reason()).contains("1970 to 2999");
        assertThat(parser.malformedCount()).isEqualTo(7);
        assertThat(parser.irrelevant()).isEqualTo(1);
    }

    @Test
    void malformedListIsCappedButAllAreCounted() {
        for (int i = 1; i <= EximParser.MAX_REPORTED + 5; i++) {
            parser.accept(i, "2026-02-30 08:30:00 1tABCD-000123-AB <= a@x.example H=[192.0.2.1]:587 A=plain:a@x.example");
        }
        assertThat(parser.malformed()).hasSize(EximParser.MAX_REPORTED);
        assertThat(parser.malformedCount()).isEqualTo(EximParser.MAX_REPORTED + 5);
    }
}
