package org.mailflow.ingest.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailflow.smtpauth.TlsVersion;

class EximParserTest {
    private final List<EximSubmission> submissions = new ArrayList<>();
    private final List<EximAuthFailure> failures = new ArrayList<>();
    private final EximParser parser = new EximParser(new EximParser.Sink() {
        @Override
        public void submission(EximSubmission s) {
            submissions.add(s);
        }

        @Override
        public void authFailure(EximAuthFailure f) {
            failures.add(f);
        }
    });

    private static final String HEAD = "2026-11-12 08:30:00 [4242] 1tABCD-000123-AB <= ";

    private void feed(String... lines) {
        for (int i = 0; i < lines.length; i++) {
            parser.accept(i + 1, lines[i]);
        }
    }

    private EximSubmission only() {
        assertThat(parser.malformed()).isEmpty();
        assertThat(submissions).hasSize(1);
        return submissions.get(0);
    }

    @Test
    void authenticatorWithIdGivesTheIdAsSender() {
        feed(HEAD + "Env@X.example H=(helo) [192.0.2.1]:587 P=esmtpsa X=TLS1.3:TLS_AES_256_GCM_SHA384:256 CV=no"
                + " A=dovecot_plain:Bob@Y.example S=1234 id=msgid@x");
        EximSubmission s = only();
        assertThat(s.sender()).isEqualTo("bob@y.example");
        assertThat(s.domain()).isEqualTo("y.example");
        assertThat(s.authMethod()).isEqualTo("PLAIN");
        assertThat(s.clientIp()).isEqualTo("192.0.2.1");
        assertThat(s.messageId()).isEqualTo("<msgid@x>");
        assertThat(s.queueId()).isEqualTo("1tABCD-000123-AB");
        assertThat(s.lineNumber()).isEqualTo(1);
        assertThat(s.epochSecond()).isEqualTo(OffsetDateTime.parse("2026-11-12T08:30:00Z").toEpochSecond());
    }

    @Test
    void authenticatorWithoutIdGivesTheEnvelopeSender() {
        feed("2026-11-12 08:30:00 1abcDE-0001ab-Cd <= Alice@X.example H=[192.0.2.7]:587 P=esmtpa A=login_server"
                + " S=10 id=<m1@x>");
        EximSubmission s = only();
        assertThat(s.sender()).isEqualTo("alice@x.example");
        assertThat(s.domain()).isEqualTo("x.example");
        assertThat(s.authMethod()).isEqualTo("LOGIN");
        assertThat(s.messageId()).isEqualTo("<m1@x>");
        assertThat(s.queueId()).isEqualTo("1abcDE-0001ab-Cd");
    }

    @Test
    void bareUserTakesTheDomainOfTheEnvelopeSender() {
        feed(HEAD + "printer@Office.example H=(scanner) [192.0.2.9]:25 P=esmtpa A=plain:scanner01 S=99");
        EximSubmission s = only();
        assertThat(s.sender()).isEqualTo("scanner01");
        assertThat(s.domain()).isEqualTo("office.example");
        assertThat(s.messageId()).isNull();
    }

    @Test
    void openSslSpellingOfXGivesVersionAndCipher() {
        feed(HEAD + "a@x.example H=(h) [192.0.2.1]:587 P=esmtpsa X=TLSv1.2:ECDHE-RSA-AES256-GCM-SHA384:256 CV=no"
                + " A=dovecot_login:a@x.example S=1");
        EximSubmission s = only();
        assertThat(s.tls()).isEqualTo(TlsVersion.TLS1_2);
        assertThat(s.tlsCipher()).isEqualTo("ECDHE-RSA-AES256-GCM-SHA384");
    }

    @Test
    void gnuTlsSpellingOfXGivesVersionAndCipher() {
        feed(HEAD + "a@x.example H=(h) [192.0.2.1]:587 P=esmtpsa X=TLS1.0:ECDHE_RSA_AES_256_CBC_SHA1:256 CV=no"
                + " A=dovecot_plain:a@x.example S=1");
        EximSubmission s = only();
        assertThat(s.tls()).isEqualTo(TlsVersion.TLS1_0);
        assertThat(s.tlsCipher()).isEqualTo("ECDHE_RSA_AES_256_CBC_SHA1");
    }

    @Test
    void noXMeansNoTls() {
        feed(HEAD + "a@x.example H=(h) [192.0.2.1]:25 P=esmtpa A=fixed_plain:a@x.example S=1");
        EximSubmission s = only();
        assertThat(s.tls()).isEqualTo(TlsVersion.NONE);
        assertThat(s.tlsCipher()).isEmpty();
    }

    @Test
    void fakeFieldsInsideTheQuotedSubjectAreIgnored() {
        feed(HEAD + "a@x.example H=(h) [192.0.2.1]:587 P=esmtpsa X=TLS1.3:TLS_AES_128_GCM_SHA256:128"
                        + " A=dovecot_plain:real@x.example S=5 id=<r@x> T=\"subject with A=fake:evil@y X=TLSv1:RC4:1"
                        + " H=[6.6.6.6] \\\"quoted\\\" id=<fake>\"",
                "2026-11-12 08:31:00 1tABCD-000124-AB <= b@x.example H=mx.example [198.51.100.2]:25 P=esmtps"
                        + " S=5 T=\"Re: A=fake:evil@y X=TLSv1.3:x:1\" from <b@x.example> for A=c@x.example");
        EximSubmission s = only();
        assertThat(s.sender()).isEqualTo("real@x.example");
        assertThat(s.tls()).isEqualTo(TlsVersion.TLS1_3);
        assertThat(s.clientIp()).isEqualTo("192.0.2.1");
        assertThat(s.messageId()).isEqualTo("<r@x>");
        assertThat(parser.irrelevant()).isEqualTo(1);
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
    void authenticatorFailedWithSetIdIsAnAuthFailureNotASubmission() {
        feed("2026-11-12 08:30:00 dovecot_plain authenticator failed for (helo) [192.0.2.1]:587 I=[10.0.0.1]:587:"
                        + " 535 Incorrect authentication data (set_id=Bob@X.example)",
                "2026-11-12 08:30:05 [77] login authenticator failed for H=host.example (h) [2001:db8::5]:41000:"
                        + " 535 Incorrect authentication data (set_id=carol)",
                "2026-11-12 08:30:06 login authenticator failed for (h) [192.0.2.3]: 535 Incorrect authentication data");
        assertThat(submissions).isEmpty();
        assertThat(failures).extracting(EximAuthFailure::account).containsExactly("bob@x.example", "carol");
        assertThat(failures).extracting(EximAuthFailure::clientIp).containsExactly("192.0.2.1", "2001:db8::5");
        assertThat(failures.get(0).authenticator()).isEqualTo("dovecot_plain");
        assertThat(failures.get(0).lineNumber()).isEqualTo(1);
        assertThat(parser.authFailures()).isEqualTo(2);
        assertThat(parser.unattributedAuthFailures()).isEqualTo(1);
    }

    @Test
    void ipv6HostIsReadWithoutBracketsOrPort() {
        feed(HEAD + "a@x.example H=client.example ([2001:db8::9]) [2001:DB8::1]:587 I=[2001:db8::25]:587 P=esmtpsa"
                + " X=TLS1.2:ECDHE_RSA_AES_128_GCM_SHA256:128 A=xoauth2_server:a@x.example S=1");
        EximSubmission s = only();
        assertThat(s.clientIp()).isEqualTo("2001:db8::1");
        assertThat(s.authMethod()).isEqualTo("XOAUTH2");
    }

    @Test
    void timezoneOffsetAndNewStyleQueueIdsAreRead() {
        feed("2026-11-12 08:30:00 +0100 [12] 1tABCD-00000000123-ABCD <= a@x.example H=[192.0.2.1]:587 A=plain:a@x.example",
                "2026-11-12 08:30:00.123-0500 1tABCD-000123-AB <= a@x.example H=[192.0.2.1]:587 A=plain:a@x.example");
        assertThat(parser.malformed()).isEmpty();
        assertThat(submissions).extracting(EximSubmission::epochSecond).containsExactly(
                OffsetDateTime.parse("2026-11-12T07:30:00Z").toEpochSecond(),
                OffsetDateTime.parse("2026-11-12T13:30:00Z").toEpochSecond());
    }

    @Test
    void unknownAuthenticatorNameIsReportedAsWritten() {
        assertThat(EximParser.authMethodOf("my_spa")).isEqualTo("my_spa");
        assertThat(EximParser.authMethodOf("CRAM_MD5")).isEqualTo("CRAM-MD5");
    }

    @Test
    void malformedRelevantLinesAreReportedWithLineNumbers() {
        feed("just noise",
                HEAD + "a@x.example H=[192.0.2.1]:587 X=SSLv9:x:1 A=plain:a@x.example",
                "2026-13-45 08:30:00 1tABCD-000123-AB <= a@x.example H=[192.0.2.1]:587 A=plain:a@x.example",
                "garbage 1tABCD-000123-AB <= a@x.example A=plain:a@x.example",
                HEAD + "<> H=[192.0.2.1]:587 A=plain",
                HEAD + "a@x.example H=(helo) no-address A=plain:a@x.example");
        assertThat(submissions).isEmpty();
        assertThat(parser.malformed()).extracting(EximParser.BadLine::lineNumber).containsExactly(2L, 3L, 4L, 5L, 6L);
        assertThat(parser.malformedCount()).isEqualTo(5);
        assertThat(parser.irrelevant()).isEqualTo(1);
    }

    @Test
    void malformedListIsCappedButAllAreCounted() {
        for (int i = 1; i <= EximParser.MAX_REPORTED + 5; i++) {
            parser.accept(i, HEAD + "a@x.example H=[192.0.2.1]:587 X=bogus:x:1 A=plain:a@x.example");
        }
        assertThat(parser.malformed()).hasSize(EximParser.MAX_REPORTED);
        assertThat(parser.malformedCount()).isEqualTo(EximParser.MAX_REPORTED + 5);
    }
}
