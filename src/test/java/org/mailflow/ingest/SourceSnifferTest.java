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

    /** Exim with log_file_path = syslog: the syslog daemon's prefix, with or without Exim's own timestamp (syslog_timestamp). */
    @Test
    void eximLoggingThroughSyslog() {
        assertThat(sniff("Jun 29 16:04:19 mx1 exim[1234]: 2026-06-29 16:04:19 1vABCd-000ABC-1x <= alice@corp.example "
                + "H=laptop.example [198.51.100.7] A=plain:alice S=1234\n")).contains(ImportFormat.EXIM);
        assertThat(sniff("Jun 29 16:04:19 mx1 exim[1234]: 1vABCd-000ABC-1x <= alice@corp.example H=laptop.example [198.51.100.7] "
                + "A=plain:alice S=1234\nJun 29 16:04:20 mx1 exim[1234]: 1vABCd-000ABC-1x Completed\n")).contains(ImportFormat.EXIM);
        assertThat(sniff("2026-06-29T16:04:19.123456+02:00 mx1 exim4[99]: Start queue run: pid=99\n")).contains(ImportFormat.EXIM);
    }

    // ---------------------------------------------------------------- mail logs without SMTP AUTH

    /** SPEC 5: a mail.err of OpenDKIM, Dovecot or amavis lines is a mail log (read, and said to hold nothing), not bad input. */
    @Test
    void aSyslogOfOtherMailProgramsIsAMailLogReadAsPostfix() {
        assertThat(sniff("""
                Nov 12 08:30:00 mx1 opendkim[812]: 4F2A1C0D5E: no signing table match for 'a@corp.example'
                Nov 12 08:30:01 mx1 dovecot: imap-login: Login: user=<bob@corp.example>, method=PLAIN, rip=198.51.100.7, lip=10.0.0.1
                Nov 12 08:30:02 mx1 amavis[2201]: (02201-01) Passed CLEAN {RelayedInbound}, [203.0.113.5]:41000 <a@b.example> -> <c@corp.example>
                2026-11-12T08:30:03.000000+01:00 mx1 dovecot[900]: lmtp(bob@corp.example): msgid=<a@b>: saved mail to INBOX
                """)).contains(ImportFormat.POSTFIX);
    }

    /** Another MTA this version does not read is refused, not said to hold nothing about SMTP AUTH. */
    @Test
    void aSyslogOfOtherProgramsIsNothing() {
        assertThat(sniff("""
                Nov 12 08:30:00 host sshd[812]: Accepted publickey for admin from 198.51.100.7 port 50000 ssh2
                Nov 12 08:30:01 host CRON[900]: pam_unix(cron:session): session opened for user root
                """)).isEmpty();
        assertThat(sniff("Nov 12 08:30:00 mx1 sm-mta[812]: 4ACDxyz: from=<a@b.example>, size=1, class=0, nrcpts=1\n")).isEmpty();
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
