package org.mailflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** SPEC 5: logs and mailboxes are recognised from their first bytes, not from their names. */
class SourceSnifferTest {
    private static Optional<ImportFormat> sniff(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return SourceSniffer.sniff(b, b.length);
    }

    // ---------------------------------------------------------------- Postfix

    @Test
    void postfixWithClassicSyslogStamps() {
        assertThat(sniff("""
                Nov 12 08:30:00 mx1 postfix/smtpd[1234]: connect from client.example[203.0.113.5]
                Nov 12 08:30:01 mx1 postfix/smtpd[1234]: 4F2A1C0D5E: client=client.example[203.0.113.5], sasl_method=PLAIN, sasl_username=alice@corp.example
                Nov 12 08:30:01 mx1 postfix/qmgr[900]: 4F2A1C0D5E: from=<alice@corp.example>, size=1234, nrcpt=1 (queue active)
                """)).contains(ImportFormat.POSTFIX);
    }

    @Test
    void postfixWithASingleDigitDayPaddedWithABlank() {
        assertThat(sniff("Nov  2 08:30:00 mx1 postfix/smtpd[1234]: connect from client.example[203.0.113.5]\n"))
                .contains(ImportFormat.POSTFIX);
    }

    @Test
    void postfixWithRfc3339Stamps() {
        assertThat(sniff("""
                2026-11-12T08:30:00.123456+01:00 mx1 postfix/smtpd[1234]: connect from client.example[203.0.113.5]
                2026-11-12T08:30:01.000000+01:00 mx1 postfix/cleanup[1240]: 4F2A1C0D5E: message-id=<a@b>
                """)).contains(ImportFormat.POSTFIX);
        assertThat(sniff("2026-11-12T07:30:00Z mx1 postfix/smtpd[1234]: connect from client.example[203.0.113.5]\n"))
                .contains(ImportFormat.POSTFIX);
    }

    @Test
    void postfixUnderAnySyslogName() {
        assertThat(sniff("Nov 12 08:30:00 mx1 postfix/submission/smtpd[2001]: connect from laptop.example[198.51.100.7]\n"))
                .contains(ImportFormat.POSTFIX);
        assertThat(sniff("2026-11-12T08:30:00+00:00 mx1 postfix-out/qmgr[77]: 4F2A1C0D5E: removed\n"))
                .contains(ImportFormat.POSTFIX);
    }

    @Test
    void mailLogStartingWithFiftyDovecotAndOpendkimLinesIsStillPostfix() {
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            if (i % 2 == 0) {
                log.append("Nov 12 08:").append(10 + i / 10).append(":0").append(i % 10)
                        .append(" mx1 dovecot: imap-login: Login: user=<bob@corp.example>, method=PLAIN, rip=198.51.100.").append(i)
                        .append(", lip=10.0.0.1, mpid=").append(3000 + i).append(", TLS\n");
            } else {
                log.append("Nov 12 08:").append(10 + i / 10).append(":0").append(i % 10)
                        .append(" mx1 opendkim[812]: 4F2A1C0D").append(i).append(": DKIM-Signature field added (s=mail, d=corp.example)\n");
            }
        }
        log.append("Nov 12 08:30:00 mx1 postfix/smtpd[1234]: connect from client.example[203.0.113.5]\n");
        log.append("Nov 12 08:30:01 mx1 postfix/smtpd[1234]: 4F2A1C0D5E: client=client.example[203.0.113.5], sasl_method=PLAIN, "
                + "sasl_username=alice@corp.example\n");

        assertThat(sniff(log.toString())).contains(ImportFormat.POSTFIX);
    }

    @Test
    void openSmtpdIsNotPostfix() {
        assertThat(sniff("""
                Nov 12 08:30:00 mx1 smtpd[123]: 1a2b3c4d5e6f7a8b smtp connected address=203.0.113.5 host=client.example
                Nov 12 08:30:01 mx1 smtpd[123]: 1a2b3c4d5e6f7a8b smtp authentication user=alice result=ok
                """)).isNotEqualTo(Optional.of(ImportFormat.POSTFIX)).isEmpty();
    }

    // ---------------------------------------------------------------- Exim

    @Test
    void eximWithOldMessageIds() {
        assertThat(sniff("""
                2026-11-12 08:30:00 1vABCd-000ABC-1x <= alice@corp.example H=laptop.example [198.51.100.7] P=esmtpsa X=TLS1.3:TLS_AES_256_GCM_SHA384:256 A=plain:alice S=1234
                2026-11-12 08:30:01 1vABCd-000ABC-1x => bob@other.example R=dnslookup T=remote_smtp
                2026-11-12 08:30:01 1vABCd-000ABC-1x Completed
                """)).contains(ImportFormat.EXIM);
    }

    @Test
    void eximWithNewMessageIds() {
        assertThat(sniff("2026-11-12 08:30:00 1vABCd-00000000ABC-1x2y <= alice@corp.example H=laptop.example [198.51.100.7] "
                + "A=plain:alice S=1234\n")).contains(ImportFormat.EXIM);
    }

    @Test
    void eximWithProcessIds() {
        assertThat(sniff("2026-11-12 08:30:00 [4242] 1vABCd-000ABC-1x <= alice@corp.example H=laptop.example [198.51.100.7] "
                + "A=plain:alice S=1234\n")).contains(ImportFormat.EXIM);
        assertThat(sniff("2026-11-12 08:30:00 [4242] 1vABCd-00000000ABC-1x2y <= alice@corp.example A=login:alice S=99\n"))
                .contains(ImportFormat.EXIM);
    }

    // ---------------------------------------------------------------- mailboxes

    @Test
    void mboxStartsWithAFromLine() {
        assertThat(sniff("From news@shop.example Thu Nov 12 08:30:00 2026\nFrom: news@shop.example\nX-Microsoft-Antispam: BCL:5;\n\nhi\n"))
                .contains(ImportFormat.MBOX);
        assertThat(sniff("From news@shop.example Thu Nov 12 08:30:00 2026\r\nFrom: news@shop.example\r\n\r\nhi\r\n"))
                .contains(ImportFormat.MBOX);
    }

    @Test
    void emlWithTheUsualHeaders() {
        assertThat(sniff("""
                Return-Path: <news@shop.example>
                Received: from mail-a.outbound.example (mail-a.outbound.example [203.0.113.5])
                \tby mx.corp.example with ESMTPS id 4F2A1C0D5E
                \tfor <me@corp.example>; Thu, 12 Nov 2026 08:30:00 +0000
                From: Shop <news@shop.example>
                Date: Thu, 12 Nov 2026 08:30:00 +0000
                X-Microsoft-Antispam: BCL:5;

                Hello.
                """)).contains(ImportFormat.MESSAGE);
        assertThat(sniff("Received: from a\r\n\tby b; Thu, 12 Nov 2026 08:30:00 +0000\r\nFrom: a@b.example\r\nDate: Thu, 12 Nov 2026 08:30:00 +0000\r\n\r\nx\r\n"))
                .contains(ImportFormat.MESSAGE);
    }

    @Test
    void emlWhoseBodyQuotesPostfixLogLinesIsAMessage() {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            body.append("Nov 12 08:3").append(i).append(":00 mx1 postfix/smtpd[1234]: connect from unknown[203.0.113.").append(i).append("]\n");
        }
        assertThat(sniff("From: LogWatch <logwatch@tools.example>\nDate: Thu, 12 Nov 2026 08:30:00 +0000\n"
                + "Subject: Logwatch for mx1\n\n" + body)).contains(ImportFormat.MESSAGE);
    }

    // ---------------------------------------------------------------- not a log or mailbox

    @Test
    void csvHeaderIsNoLogOrMailbox() {
        assertThat(sniff("timestamp,sender,bcl,delivery\n2026-11-12T08:30:00Z,news@shop.example,5,inbox\n")).isEmpty();
        assertThat(sniff("timestamp,sender,tls_version,client_ip,auth_method,count\n"
                + "2026-11-12 08:30:00,alice@corp.example,TLS1.2,203.0.113.5,LOGIN,1\n")).isEmpty();
    }

    @Test
    void plainProseIsNothing() {
        assertThat(sniff("Dear team,\n\nplease find the mail logs attached. From now on: they come weekly.\n")).isEmpty();
        assertThat(sniff("Note: one header-like line alone is not a message\n")).isEmpty();
    }
}
