package org.mailflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailflow.ingest.ImportTestKit.run;
import static org.mailflow.ingest.ImportTestKit.write;
import static org.mailflow.ingest.SmtpImportKit.detailedReport;
import static org.mailflow.ingest.SmtpImportKit.report;
import static org.mailflow.ingest.SmtpImportKit.row;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailflow.cache.Cache;
import org.mailflow.smtpauth.ReportData;
import org.mailflow.smtpauth.TlsVersion;

/**
 * SPEC 5, end to end through {@link ImportJob}, on logs in the shapes real servers write with their
 * default settings: a Debian Postfix 3.7 {@code mail.log} at {@code smtpd_tls_loglevel = 0} (no
 * handshake lines, disconnect statistics only), one with {@code smtpd_client_port_logging = yes}, an
 * Exim logging through syslog, and a {@code mail.err} with nothing about SMTP AUTH.
 */
class RealLogImportTest {
    @TempDir
    Path dir;

    private Cache cache() throws Exception {
        return Cache.open(dir.resolve("cache.db"));
    }

    /** A file dated in the year of its lines, so the year rule gives 2026. */
    private Path log(String name, String... lines) throws Exception {
        Path f = write(dir, name, String.join("\n", lines) + "\n");
        Files.setLastModifiedTime(f, FileTime.from(Instant.parse("2026-11-30T00:00:00Z")));
        return f;
    }

    /**
     * What Debian's Postfix 3.7 writes at its defaults (smtpd_tls_loglevel = 0): no handshake lines;
     * the disconnect statistics tell whether STARTTLS succeeded. Port 587 (submission, with STARTTLS),
     * port 465 (smtps, wrapper mode), a printer on port 25 without STARTTLS, inbound mail, a failed sign-in.
     */
    private static final String[] DEBIAN_DEFAULT = {
            "Nov 12 08:00:00 mail postfix/submission/smtpd[2101]: connect from laptop.corp.example[198.51.100.20]",
            "Nov 12 08:00:01 mail postfix/submission/smtpd[2101]: 4QZ7mB1Kx2z9vT: client=laptop.corp.example[198.51.100.20], "
                    + "sasl_method=PLAIN, sasl_username=alice@corp.example",
            "Nov 12 08:00:01 mail postfix/cleanup[2105]: 4QZ7mB1Kx2z9vT: message-id=<20261112080001.A1@corp.example>",
            "Nov 12 08:00:01 mail opendkim[811]: 4QZ7mB1Kx2z9vT: DKIM-Signature field added (s=mail, d=corp.example)",
            "Nov 12 08:00:01 mail postfix/qmgr[1202]: 4QZ7mB1Kx2z9vT: from=<alice@corp.example>, size=2201, nrcpt=1 (queue active)",
            "Nov 12 08:00:02 mail postfix/submission/smtpd[2101]: disconnect from laptop.corp.example[198.51.100.20] ehlo=2 "
                    + "starttls=1 auth=1 mail=1 rcpt=1 data=1 quit=1 commands=8",
            "Nov 12 08:00:02 mail postfix/smtp[2107]: 4QZ7mB1Kx2z9vT: to=<bob@partner.example>, relay=mx.partner.example"
                    + "[203.0.113.25]:25, delay=0.9, delays=0.1/0/0.3/0.5, dsn=2.0.0, status=sent (250 2.0.0 Ok)",
            "Nov 12 08:00:02 mail postfix/qmgr[1202]: 4QZ7mB1Kx2z9vT: removed",
            "Nov 12 08:05:00 mail postfix/smtps/smtpd[2201]: connect from phone.mobile.example[192.0.2.77]",
            "Nov 12 08:05:01 mail postfix/smtps/smtpd[2201]: 4QZ7nC2Ly3a1wU: client=phone.mobile.example[192.0.2.77], "
                    + "sasl_method=LOGIN, sasl_username=alice@corp.example",
            "Nov 12 08:05:01 mail postfix/cleanup[2105]: 4QZ7nC2Ly3a1wU: message-id=<phone-1@corp.example>",
            "Nov 12 08:05:01 mail postfix/qmgr[1202]: 4QZ7nC2Ly3a1wU: from=<alice@corp.example>, size=900, nrcpt=1 (queue active)",
            "Nov 12 08:05:02 mail postfix/smtps/smtpd[2201]: disconnect from phone.mobile.example[192.0.2.77] ehlo=1 auth=1 "
                    + "mail=1 rcpt=1 data=1 quit=1 commands=6",
            "Nov 12 08:05:02 mail postfix/qmgr[1202]: 4QZ7nC2Ly3a1wU: removed",
            "Nov 12 09:00:00 mail postfix/smtpd[2301]: connect from printer.corp.example[10.1.2.3]",
            "Nov 12 09:00:00 mail postfix/smtpd[2301]: 4QZ7pD3Mz4b2xV: client=printer.corp.example[10.1.2.3], "
                    + "sasl_method=LOGIN, sasl_username=scanner",
            "Nov 12 09:00:00 mail postfix/cleanup[2105]: 4QZ7pD3Mz4b2xV: message-id=<scan-0001@printer>",
            "Nov 12 09:00:00 mail postfix/qmgr[1202]: 4QZ7pD3Mz4b2xV: from=<scanner@corp.example>, size=88201, nrcpt=1 (queue active)",
            "Nov 12 09:00:01 mail postfix/smtpd[2301]: disconnect from printer.corp.example[10.1.2.3] ehlo=1 auth=1 mail=1 rcpt=1 "
                    + "data=1 quit=1 commands=6",
            "Nov 12 09:00:01 mail postfix/local[2310]: 4QZ7pD3Mz4b2xV: to=<carol@corp.example>, relay=local, status=sent (delivered)",
            "Nov 12 09:00:01 mail postfix/qmgr[1202]: 4QZ7pD3Mz4b2xV: removed",
            "Nov 12 09:10:00 mail postfix/smtpd[2302]: connect from mx.partner.example[203.0.113.25]",
            "Nov 12 09:10:00 mail postfix/smtpd[2302]: 4QZ7qE4Na5c3yW: client=mx.partner.example[203.0.113.25]",
            "Nov 12 09:10:01 mail postfix/smtpd[2302]: disconnect from mx.partner.example[203.0.113.25] ehlo=2 starttls=1 mail=1 "
                    + "rcpt=1 data=1 quit=1 commands=7",
            "Nov 12 09:20:00 mail postfix/submission/smtpd[2102]: connect from unknown[203.0.113.99]",
            "Nov 12 09:20:01 mail postfix/submission/smtpd[2102]: warning: unknown[203.0.113.99]: SASL LOGIN authentication "
                    + "failed: UGFzc3dvcmQ6, sasl_username=alice@corp.example",
            "Nov 12 09:20:01 mail postfix/submission/smtpd[2102]: lost connection after AUTH from unknown[203.0.113.99]",
            "Nov 12 09:20:01 mail postfix/submission/smtpd[2102]: disconnect from unknown[203.0.113.99] ehlo=1 auth=0/1 commands=1/2",
            "Nov 12 09:30:00 mail postfix/anvil[1210]: statistics: max connection rate 1/60s for (smtp:203.0.113.25) at Nov 12 09:10:00",
    };

    @Test
    void aDefaultDebianPostfixLogGivesTlsFromTheDisconnectStatistics() throws Exception {
        try (Cache c = cache()) {
            ImportSummary s = run(c, log("mail.log", DEBIAN_DEFAULT));
            assertThat(s.submissions()).isEqualTo(3);
            assertThat(s.authFailures()).isEqualTo(1);
            assertThat(detailedReport(c)).containsExactly(
                    "2026-11-12,alice@corp.example,corp.example,PLAIN,198.51.100.20,TLS,,1,20261112080001.A1@corp.example",
                    "2026-11-12,alice@corp.example,corp.example,LOGIN,192.0.2.77,TLS,,1,phone-1@corp.example",
                    "2026-11-12,scanner,corp.example,LOGIN,10.1.2.3,none,,1,scan-0001@printer");
            ReportData r = report(c);
            assertThat(r.legacySenders()).as("only the printer sent without TLS, not the whole organisation").isEqualTo(1);
            assertThat(row(r, "alice@corp.example", "corp.example").count(TlsVersion.TLS)).isEqualTo(2);
            // 2 of 3 have no known version (TLS): above 20 %, the summary says which setting logs it
            assertThat(s.describe()).contains("2 of the 3 submissions from logs have no known TLS version")
                    .contains("smtpd_tls_loglevel = 1");
            assertThat(failureIps(c)).containsExactly("alice@corp.example 203.0.113.99 1");
        }
    }

    /** The same server with smtpd_tls_loglevel = 1 and smtpd_client_port_logging = yes. */
    @Test
    void aPortLoggingSessionKeepsItsTlsVersionCipherAndClientAddress() throws Exception {
        try (Cache c = cache()) {
            ImportSummary s = run(c, log("mail.log",
                    "Nov 12 08:00:00 mail postfix/submission/smtpd[2101]: connect from laptop.corp.example[2001:db8:1::20]:51544",
                    "Nov 12 08:00:00 mail postfix/submission/smtpd[2101]: Anonymous TLS connection established from "
                            + "laptop.corp.example[2001:db8:1::20]:51544: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) "
                            + "key-exchange X25519 server-signature ECDSA (prime256v1) server-digest SHA256",
                    "Nov 12 08:00:01 mail postfix/submission/smtpd[2101]: 4QZ7mB1Kx2z9vT: client=laptop.corp.example"
                            + "[2001:db8:1::20]:51544, sasl_method=PLAIN, sasl_username=alice@corp.example",
                    "Nov 12 08:00:01 mail postfix/cleanup[2105]: 4QZ7mB1Kx2z9vT: message-id=<port-1@corp.example>",
                    "Nov 12 08:00:01 mail postfix/qmgr[1202]: 4QZ7mB1Kx2z9vT: from=<alice@corp.example>, size=2201, nrcpt=1 (queue active)",
                    "Nov 12 08:00:02 mail postfix/submission/smtpd[2101]: disconnect from laptop.corp.example[2001:db8:1::20]:51544 "
                            + "ehlo=2 starttls=1 auth=1 mail=1 rcpt=1 data=1 quit=1 commands=8",
                    "Nov 12 08:01:00 mail postfix/submission/smtpd[2102]: connect from old-printer.corp.example[10.1.2.4]:1025",
                    "Nov 12 08:01:00 mail postfix/submission/smtpd[2102]: 4QZ7mC1Kx2z9vU: client=old-printer.corp.example"
                            + "[10.1.2.4]:1025, sasl_method=LOGIN, sasl_username=printer@corp.example",
                    "Nov 12 08:01:01 mail postfix/submission/smtpd[2102]: disconnect from old-printer.corp.example[10.1.2.4]:1025 "
                            + "ehlo=1 auth=1 mail=1 rcpt=1 data=1 quit=1 commands=6",
                    "Nov 12 08:02:00 mail postfix/submission/smtpd[2103]: warning: unknown[198.51.100.66]:40404: SASL PLAIN "
                            + "authentication failed: authentication failure, sasl_username=printer@corp.example"));
            assertThat(s.submissions()).isEqualTo(2);
            assertThat(detailedReport(c)).containsExactly(
                    "2026-11-12,alice@corp.example,corp.example,PLAIN,2001:db8:1::20,TLS1.3,TLS_AES_256_GCM_SHA384,1,port-1@corp.example",
                    "2026-11-12,printer@corp.example,corp.example,LOGIN,10.1.2.4,none,,1,");
            assertThat(s.describe()).doesNotContain("no known TLS version");
            assertThat(failureIps(c)).containsExactly("printer@corp.example 198.51.100.66 1");
        }
    }

    /** Exim with log_file_path = syslog on a Debian host: classic stamps, host, exim4[pid], with and without Exim's own stamp. */
    @Test
    void anEximThatLogsToSyslogIsReadWithTheYearRule() throws Exception {
        try (Cache c = cache()) {
            ImportSummary s = run(c, log("mail.log",
                    "Nov 12 08:00:00 mx2 exim4[3301]: 2026-11-12 08:00:00 1vABCd-000ABC-1x <= alice@corp.example H=(laptop) "
                            + "[198.51.100.20]:51544 P=esmtpsa X=TLS1.3:ECDHE_X25519__RSA_PSS_RSAE_SHA256__AES_256_GCM:256 CV=no "
                            + "A=dovecot_plain:alice@corp.example S=2201 id=a-1@corp.example T=\"Minutes for Tuesday\" "
                            + "for bob@partner.example carol@corp.example",
                    "Nov 12 08:00:01 mx2 exim4[3301]: 1vABCd-000ABC-1x => bob@partner.example R=dnslookup T=remote_smtp "
                            + "H=mx.partner.example [203.0.113.25]",
                    "Nov 12 08:00:01 mx2 exim4[3301]: 1vABCd-000ABC-1x Completed",
                    "Nov 12 08:10:00 mx2 exim4[3302]: 1vABCe-000ABD-2y <= scanner@corp.example H=(printer) [10.1.2.3]:1025 "
                            + "P=esmtpa A=login_server:scanner S=88201",
                    "Nov 12 08:20:00 mx2 exim4[3303]: dovecot_login authenticator failed for (x) [203.0.113.99]:40000 "
                            + "I=[192.0.2.1]:587: 535 Incorrect authentication data (set_id=alice@corp.example)",
                    // no set_id (the client gave no user name): the empty account, still with its client IP
                    "Nov 12 08:21:00 mx2 exim4[3304]: 2026-11-12 08:21:00 login authenticator failed for H=(x) [203.0.113.98]:40001 "
                            + "I=[192.0.2.1]:587: 535 Incorrect authentication data",
                    "Nov 12 08:20:01 mx2 dovecot: auth: passwd-file(alice@corp.example,203.0.113.99): Password mismatch"));
            assertThat(s.submissions()).isEqualTo(2);
            assertThat(s.authFailures()).isEqualTo(2);
            assertThat(s.files().get(0).format()).isEqualTo("exim");
            assertThat(detailedReport(c)).containsExactly(
                    "2026-11-12,alice@corp.example,corp.example,PLAIN,198.51.100.20,TLS1.3,ECDHE_X25519__RSA_PSS_RSAE_SHA256__AES_256_GCM,1,"
                            + "a-1@corp.example",
                    "2026-11-12,scanner,corp.example,LOGIN,10.1.2.3,none,,1,");
            assertThat(failureIps(c)).containsExactly(" 203.0.113.98 1", "alice@corp.example 203.0.113.99 1");
            assertThat(recipients(c)).as("+received_recipients listed two for alice; the scanner's line lists none")
                    .containsExactly("alice@corp.example 1 2", "scanner 1 0");
        }
    }

    /**
     * SPEC 5: a Postfix submission's recipients are the nrcpt= of the qmgr line of its queue id, counted
     * once when a deferred message is taken into the active queue again; a message whose qmgr line never
     * comes has 0 (not logged).
     */
    @Test
    void postfixRecipientsComeFromNrcptOnceEvenWhenAMessageIsDeferredAndRetried() throws Exception {
        try (Cache c = cache()) {
            ImportSummary s = run(c, log("mail.log",
                    "Nov 12 08:00:00 mail postfix/submission/smtpd[2101]: connect from laptop.corp.example[198.51.100.20]",
                    "Nov 12 08:00:01 mail postfix/submission/smtpd[2101]: 4QZ7mB1Kx2z9vT: client=laptop.corp.example[198.51.100.20], "
                            + "sasl_method=PLAIN, sasl_username=alice@corp.example",
                    "Nov 12 08:00:01 mail postfix/cleanup[2105]: 4QZ7mB1Kx2z9vT: message-id=<r-1@corp.example>",
                    "Nov 12 08:00:01 mail postfix/qmgr[1202]: 4QZ7mB1Kx2z9vT: from=<alice@corp.example>, size=2201, nrcpt=3 (queue active)",
                    "Nov 12 08:00:02 mail postfix/smtp[2107]: 4QZ7mB1Kx2z9vT: to=<bob@partner.example>, relay=none, delay=1, "
                            + "delays=0.1/0/1/0, dsn=4.4.1, status=deferred (connect to mx.partner.example[203.0.113.25]:25: "
                            + "Connection timed out)",
                    "Nov 12 08:00:02 mail postfix/local[2108]: 4QZ7mB1Kx2z9vT: to=<carol@corp.example>, relay=local, status=sent (delivered)",
                    "Nov 12 08:00:02 mail postfix/local[2108]: 4QZ7mB1Kx2z9vT: to=<dave@corp.example>, relay=local, status=sent (delivered)",
                    "Nov 12 08:00:03 mail postfix/submission/smtpd[2101]: 4QZ7nC2Ly3a1wU: client=laptop.corp.example[198.51.100.20], "
                            + "sasl_method=PLAIN, sasl_username=alice@corp.example",
                    "Nov 12 08:00:03 mail postfix/cleanup[2105]: 4QZ7nC2Ly3a1wU: message-id=<r-2@corp.example>",
                    "Nov 12 08:00:03 mail postfix/qmgr[1202]: 4QZ7nC2Ly3a1wU: from=<alice@corp.example>, size=900, nrcpt=1 (queue active)",
                    "Nov 12 08:00:04 mail postfix/qmgr[1202]: 4QZ7nC2Ly3a1wU: removed",
                    "Nov 12 08:00:05 mail postfix/submission/smtpd[2101]: 4QZ7pD3Mz4b2xV: client=laptop.corp.example[198.51.100.20], "
                            + "sasl_method=PLAIN, sasl_username=alice@corp.example",
                    "Nov 12 08:00:06 mail postfix/submission/smtpd[2101]: lost connection after DATA (2048 bytes) from "
                            + "laptop.corp.example[198.51.100.20]",
                    "Nov 12 08:00:06 mail postfix/submission/smtpd[2101]: disconnect from laptop.corp.example[198.51.100.20] ehlo=2 "
                            + "starttls=1 auth=1 mail=3 rcpt=6 data=2/3 commands=14/15",
                    "Nov 12 08:05:00 mail postfix/smtpd[2301]: connect from mx.partner.example[203.0.113.25]",
                    "Nov 12 08:05:00 mail postfix/smtpd[2301]: 4QZ7qE4Na5c3yW: client=mx.partner.example[203.0.113.25]",
                    "Nov 12 08:05:00 mail postfix/qmgr[1202]: 4QZ7qE4Na5c3yW: from=<news@partner.example>, size=5000, nrcpt=40 (queue active)",
                    "Nov 12 08:05:01 mail postfix/qmgr[1202]: 4QZ7qE4Na5c3yW: removed",
                    "Nov 12 08:10:02 mail postfix/qmgr[1202]: 4QZ7mB1Kx2z9vT: from=<alice@corp.example>, size=2201, nrcpt=3 (queue active)",
                    "Nov 12 08:10:03 mail postfix/smtp[2109]: 4QZ7mB1Kx2z9vT: to=<bob@partner.example>, relay=mx.partner.example"
                            + "[203.0.113.25]:25, delay=602, delays=600/0/1/1, dsn=2.0.0, status=sent (250 2.0.0 Ok)",
                    "Nov 12 08:10:03 mail postfix/qmgr[1202]: 4QZ7mB1Kx2z9vT: removed"));
            assertThat(s.submissions()).isEqualTo(3);
            long recipients = c.read(conn -> {
                try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT sum(recipients) FROM smtp_detail")) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
            assertThat(recipients).as("3 + 1 + 0: the retry's qmgr line and the inbound message's are not counted").isEqualTo(4);
            assertThat(recipients(c)).containsExactly("alice@corp.example 3 4");
        }
    }

    /** SPEC 5: a log of other mail programs is read and said to hold nothing; recognised when imported again. */
    @Test
    void aMailLogWithNothingAboutSmtpAuthImportsAsNothingAndIsRecognisedLater() throws Exception {
        Path err = log("mail.err",
                "Nov 12 08:00:00 mail opendkim[811]: 4QZ7mB1Kx2z9vT: key retrieval failed (s=sel, d=partner.example)",
                "Nov 12 08:00:05 mail dovecot: imap-login: Disconnected (auth failed, 1 attempts in 2 secs): user=<bob@corp.example>, "
                        + "method=PLAIN, rip=203.0.113.99, lip=192.0.2.1, TLS",
                "Nov 12 08:01:00 mail amavis[2201]: (02201-01) (!)DENIED ACCESS from IP 203.0.113.5, policy bank ''");
        try (Cache c = cache()) {
            ImportSummary s = run(c, err);
            assertThat(s.describe()).contains("mail.err: nothing about SMTP AUTH (a mail log, 3 lines passed over)");
            assertThat(s.submissions()).isZero();
            assertThat(run(c, err).files().get(0).status()).isEqualTo(ImportSummary.Status.ALREADY_IMPORTED);
        }
    }

    /** A shared mail.log that starts, after a rotation, with a burst of Dovecot lines before Exim's first: still Exim's. */
    @Test
    void anEximLogThatStartsWithABurstOfOtherProgramsLinesIsStillReadAsExim() throws Exception {
        java.util.List<String> lines = new java.util.ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            lines.add(String.format("Nov 12 07:%02d:%02d mx2 dovecot: imap-login: Login: user=<u%d@corp.example>, method=PLAIN, "
                    + "rip=198.51.100.%d, lip=192.0.2.1, mpid=%d, TLS, session=<abcdef%d>", i / 60 % 60, i % 60, i, i % 250, 3000 + i, i));
        }
        lines.add("Nov 12 08:00:00 mx2 exim[3301]: 2026-11-12 08:00:00 1vABCd-000ABC-1x <= alice@corp.example H=(laptop) "
                + "[198.51.100.20]:51544 P=esmtpsa X=TLS1.3:TLS_AES_256_GCM_SHA384:256 CV=no A=dovecot_plain:alice@corp.example S=2201");
        try (Cache c = cache()) {
            ImportSummary s = run(c, log("mail.log", lines.toArray(String[]::new)));
            assertThat(s.files().get(0).format()).isEqualTo("exim");
            assertThat(s.submissions()).isEqualTo(1);
        }
    }

    /** A log whose lines end in a lone CR (written on an old Mac, or by a tool that did) is read as lines, and continued when it grows. */
    @Test
    void aLogWithCrOnlyLineEndsIsReadAsLinesAndContinuedWhenItGrows() throws Exception {
        String first = String.join("\r", java.util.Arrays.copyOfRange(DEBIAN_DEFAULT, 0, 14)) + "\r";
        Path f = write(dir, "mail.log", first);
        Files.setLastModifiedTime(f, FileTime.from(Instant.parse("2026-11-30T00:00:00Z")));
        try (Cache c = cache()) {
            ImportSummary s = run(c, f);
            assertThat(s.submissions()).isEqualTo(2);
            assertThat(s.files().get(0).read()).isEqualTo(14);
            // the rest of the day is appended, still with CR line ends
            Files.writeString(f, first + String.join("\r", java.util.Arrays.copyOfRange(DEBIAN_DEFAULT, 14, DEBIAN_DEFAULT.length)) + "\r");
            Files.setLastModifiedTime(f, FileTime.from(Instant.parse("2026-11-30T00:00:00Z")));
            ImportSummary grown = run(c, f);
            assertThat(grown.files().get(0).status()).isEqualTo(ImportSummary.Status.CONTINUED);
            assertThat(grown.files().get(0).firstNewLine()).isEqualTo(15);
            assertThat(grown.submissions()).isEqualTo(1);
            assertThat(detailedReport(c)).extracting(l -> l.split(",")[5]).containsExactly("TLS", "TLS", "none");
        }
    }

    /** Submissions and recipients per account from the daily aggregates: "account submissions recipients". */
    private static List<String> recipients(Cache cache) throws Exception {
        return cache.read(c -> {
            List<String> out = new ArrayList<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT a.address, sum(d.count), sum(d.recipients) FROM smtp_detail d JOIN smtp_account a ON a.id = d.account_id "
                            + "GROUP BY a.address ORDER BY a.address")) {
                while (rs.next()) {
                    out.add(rs.getString(1) + " " + rs.getLong(2) + " " + rs.getLong(3));
                }
            }
            return out;
        });
    }

    /** The failures of a cache with their client IP (the name of kind IP): "account ip count", by account. */
    private static List<String> failureIps(Cache cache) throws Exception {
        return cache.read(c -> {
            List<String> out = new ArrayList<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT a.address, n.value, sum(f.count) FROM smtp_auth_failure f JOIN smtp_account a ON a.id = f.account_id "
                            + "JOIN smtp_name n ON n.id = f.ip_id AND n.kind = " + org.mailflow.cache.SmtpStore.NameKind.IP.ordinal() + " GROUP BY a.address, n.value ORDER BY a.address, n.value")) {
                while (rs.next()) {
                    out.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getLong(3));
                }
            }
            return out;
        });
    }
}
