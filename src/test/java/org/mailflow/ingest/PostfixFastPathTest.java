package org.mailflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailflow.bench.PostfixLogGenerator;
import org.mailflow.ingest.logs.LogAuthFailure;
import org.mailflow.ingest.logs.LogSink;
import org.mailflow.ingest.logs.LogStats;
import org.mailflow.ingest.logs.PostfixBytes;
import org.mailflow.ingest.logs.LogSubmission;
import org.mailflow.ingest.logs.PostfixParser;
import org.mailflow.testing.CollectingSink;
import org.mailflow.ingest.logs.SyslogTime;

/**
 * The importer reads the most common Postfix lines from their bytes (PostfixBytes.classify)
 * instead of handing their text to the parser. Both ways must find exactly the same: the same
 * submissions with every field, the same failures, the same line counts and bad lines, on a
 * generated log of realistic traffic and on lines made to trip the byte reader.
 */
class PostfixFastPathTest {
    private record Outcome(List<LogSubmission> submissions, List<LogAuthFailure> failures, LogStats stats,
                           List<String> bad) {
    }

    private static PostfixParser parser(CollectingSink collected) {
        return new PostfixParser(SyslogTime.startingIn(2026), collected, 500);
    }

    private static List<byte[]> lines(byte[] content) {
        List<byte[]> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < content.length; i++) {
            if (content[i] == '\n') {
                int end = i > start && content[i - 1] == '\r' ? i - 1 : i;
                out.add(java.util.Arrays.copyOfRange(content, start, end));
                start = i + 1;
            }
        }
        return out;
    }

    private static Outcome asText(List<byte[]> lines) {
        CollectingSink collected = new CollectingSink();
        PostfixParser p = parser(collected);
        long n = 0;
        for (byte[] l : lines) {
            p.accept(++n, new String(l, StandardCharsets.UTF_8));
        }
        p.finish();
        return new Outcome(collected.submissions, collected.failures, p.stats(), p.badExamples().stream().map(Object::toString).toList());
    }

    /**
     * Feeds {@code content} to {@code p} as the importer does, through the line pipeline whose reader
     * offers each ASCII line to PostfixBytes.classify, and finishes the parse.
     */
    static void readFromBytes(PostfixParser p, byte[] content) throws IOException {
        try (LinePipeline pipeline = new LinePipeline(new ByteArrayInputStream(content), PostfixBytes::classify, "test")) {
            LinePipeline.Batch batch;
            do {
                batch = pipeline.next();
                for (int i = 0; i < batch.size; i++) {
                    p.accept(batch.firstLine + i, batch.lines[i]);
                }
                p.drain();
            } while (!batch.last);
        }
        p.finish();
    }

    /** The importer's way: the content through the line pipeline, whose reader offers each ASCII line to classify. */
    private static Outcome fromBytes(byte[] content) throws IOException {
        CollectingSink collected = new CollectingSink();
        PostfixParser p = parser(collected);
        readFromBytes(p, content);
        return new Outcome(collected.submissions, collected.failures, p.stats(), p.badExamples().stream().map(Object::toString).toList());
    }

    @Test
    void aGeneratedLogOfMixedTrafficGivesTheSameResultsReadFromBytes() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PostfixLogGenerator.Result written = new PostfixLogGenerator(7).write(out, 4L << 20);
        List<byte[]> lines = lines(out.toByteArray());
        Outcome text = asText(lines);
        Outcome bytes = fromBytes(out.toByteArray());
        assertThat(text.submissions()).hasSize((int) written.submissions());
        assertThat(bytes.submissions()).isEqualTo(text.submissions());
        assertThat(bytes.failures()).isEqualTo(text.failures());
        assertThat(bytes.stats()).isEqualTo(text.stats());
        assertThat(bytes.bad()).isEqualTo(text.bad());
        // and the byte reader did take most lines: connections, message-ids, from, removed and the irrelevant
        // (the generator writes ASCII only, so every line is offered to the byte reader)
        long read = lines.stream().filter(l -> PostfixBytes.classify(l, 0, l.length) != null).count();
        assertThat(read).isEqualTo(lines.size());
        assertThat(lines.stream().map(l -> PostfixBytes.classify(l, 0, l.length))
                .filter(r -> r instanceof PostfixParser.ClientLine).count()).isEqualTo(written.submissions());
        assertThat(lines.stream().map(l -> PostfixBytes.classify(l, 0, l.length))
                .filter(r -> r instanceof PostfixParser.FailureLine).count()).isEqualTo(written.authFailures());
        assertThat(lines.stream().map(l -> PostfixBytes.classify(l, 0, l.length))
                .filter(r -> r instanceof PostfixParser.ConnectionLine || r instanceof PostfixParser.TlsLine
                        || r instanceof PostfixParser.MessageIdLine || r instanceof PostfixParser.FromLine
                        || r instanceof PostfixParser.RemovedLine).count()).isGreaterThan(lines.size() / 4);
    }

    @Test
    void linesMadeToTripTheByteReaderGiveTheSameResults() throws IOException {
        String tls = "Anonymous TLS connection established from a[192.0.2.1]: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)";
        String text = String.join("\r\n",
                "Nov 12 08:00:00 mx1 postfix/submission/smtpd[100]: connect from a[192.0.2.1]",
                "Nov 12 08:00:00 mx1 postfix/submission/smtpd[100]: " + tls,
                "Nov 12 08:00:01 mx1 postfix/submission/smtpd[100]: 4A1B2C3D4E: client=a[192.0.2.1], sasl_method=PLAIN, "
                        + "sasl_username=alice@example.com",
                "Nov 12 08:00:01 mx1 postfix/cleanup[200]: 4A1B2C3D4E: message-id=<m1@example.com>",
                "Nov 12 08:00:01 mx1 postfix/cleanup[200]: 4A1B2C3D4E: message-id=bare-id (added by mx1)",
                "Nov 12 08:00:01 mx1 postfix/qmgr[300]: 4A1B2C3D4E: from=<>, size=10, nrcpt=1 (queue active)",
                "Nov 12 08:00:02 mx1 postfix/qmgr[300]: 4A1B2C3D4E: removed",
                "Nov 12 08:00:02 mx1 postfix/qmgr[300]: 9999999999: removed",
                "Nov 12 08:00:02 mx1 postfix/submission/smtpd[100]: lost connection after AUTH from a[192.0.2.1]",
                "Nov 12 08:00:03 mx1 postfix/submission/smtpd[100]: 5B1B2C3D4E: client=a[192.0.2.1], sasl_method=LOGIN, "
                        + "sasl_username=bob",
                "Nov 12 08:00:03 mx1 postfix/qmgr[300]: 5B1B2C3D4E: from=bob@corp.example, size=1",
                "Nov 12 08:00:03 mx1 postfix/cleanup[200]: 5B1B2C3D4E: message-id=<m2@example.com>",
                "Nov 12 08:00:04 mx1 postfix/submission/smtpd[101]: 6C1B2C3D4E: client=b[192.0.2.2], sasl_method=PLAIN, "
                        + "sasl_username=jos\u00e9@example.com",
                "Nov 12 08:00:04 h\u00f6st postfix/cleanup[200]: 6C1B2C3D4E: message-id=<m3@example.com>",
                "Nov 12 08:00:04 mx1 postfix/smtpd[6]: connect from d[192.0.2.4]",
                "Nov 12 08:00:04 mx1 postfix/smtpd[6]: TLS connection established from d[192.0.2.4]: TLSv1.2 with cipher X (1/1 bits)",
                "Nov 12 08:00:04 mx1 postfix/smtpd[7]: Trusted TLS connection established from e[192.0.2.5]: TLSv1.1 with cipher Y",
                "Nov 12 08:00:04 mx1 postfix/smtpd[8]: Unverifiable TLS connection established from f[192.0.2.6]: TLSv1 with cipher Z",
                "Nov 12 08:00:04 mx1 postfix/smtpd[9]: warning: TLS connection established from g[192.0.2.7]: TLSv1.3 with cipher W",
                "Nov 12 08:00:04 mx1 postfix/smtpd[6]: 8E1B2C3D4E: client=d[192.0.2.4], sasl_method=PLAIN, sasl_username=d",
                "Nov 12 08:00:04 mx1 postfix/smtpd[8]: 9F1B2C3D4E: client=f[192.0.2.6], sasl_method=PLAIN, sasl_username=f",
                "Nov 12 08:00:04 mx1 postfix/smtpd[5]: NOQUEUE: reject: RCPT from x[203.0.113.1]: 554 5.7.1 denied",
                "Nov 12 08:00:04 mx1 postfix/smtpd[5]: ABCD: client=x[203.0.113.1], sasl_method=PLAIN, sasl_username=short-id",
                "Nov 12 08:00:05 mx1 postfix/smtpd[5]: warning: unknown[203.0.113.7]: SASL LOGIN authentication failed: UGFz",
                "Nov 12 08:00:05 mx1 postfix/smtpd[5]: warning: hostname x does not resolve to address 203.0.113.7",
                "Nov 12 08:00:05 mx1 postfix/smtpd[5]: warning: unknown[203.0.113.8]: SASL PLAIN authentication failed: ,"
                        + " sasl_username=Mallory@Example.COM, extra",
                "Nov 12 08:00:05 mx1 postfix/smtpd[5]: warning: unknown[203.0.113.9]: SASL login authentication failed: x, sasl_username=",
                "Nov 12 08:00:05 mx1 postfix/smtpd[5]: warning: SASL LOGIN authentication failed: no client",
                "Nov 12 08:00:05 mx1 postfix/smtpd[5]: warning: a[203.0.113.10]: SASL authentication failed: no method",
                "Nov 12 08:00:05 mx1 postfix/smtpd[5]: warning: no address: SASL LOGIN authentication failed: x",
                "Nov 12 08:00:05 mx1 postfix/smtpd[5]: warning: a[203.0.113.11]: SASL authentication failure: cyrus says",
                "Nov 12 08:00:05 mx1 postfix/smtpd[5]: warning: authentication failed: x[203.0.113.12]: SASL LOGIN",
                "Feb 29 08:00:05 mx1 postfix/smtpd[5]: warning: b[203.0.113.13]: SASL LOGIN authentication failed: bad day",
                "Nov 12 25:00:05 mx1 postfix/smtpd[5]: warning: b[203.0.113.14]: SASL LOGIN authentication failed: bad hour",
                "Nov 123 08:00:05 mx1 postfix/smtpd[5]: warning: b[203.0.113.15]: SASL LOGIN authentication failed: long day",
                "Nov 12 08:00:05.5 mx1 postfix/smtpd[5]: warning: b[203.0.113.16]: SASL LOGIN authentication failed: fraction",
                "Nov 12 08:00:05x mx1 postfix/smtpd[5]: warning: b[203.0.113.17]: SASL LOGIN authentication failed: junk",
                "Nox 12 08:00:05 mx1 postfix/smtpd[5]: warning: b[203.0.113.18]: SASL LOGIN authentication failed: no month",
                "2026-11-12T08:00:05.123+01:00 mx1 postfix/smtpd[5]: warning: c[203.0.113.19]: SASL LOGIN authentication failed: rfc",
                "2026-11-12t08:00:05z mx1 postfix/smtpd[5]: warning: c[203.0.113.20]: SASL LOGIN authentication failed: lower case",
                "2026-02-30T08:00:05Z mx1 postfix/smtpd[5]: warning: c[203.0.113.21]: SASL LOGIN authentication failed: no such day",
                "2026-11-12T08:00:06+05:45 mx1 postfix/submission/smtpd[300]: AB12CD34EF: client=r[192.0.2.30]:587, sasl_method=PLAIN, "
                        + "sasl_username=rfc@example.com, sasl_sender=x",
                "Nov 12 08:00:06 mx1 postfix/smtpd[301]: AB12CD34F0: client=s[192.0.2.31], sasl_method=",
                "Nov 12 08:00:06 mx1 postfix/smtpd[302]: AB12CD34F1: client=s[192.0.2.32], sasl_method=PLAIN, sasl_username=  ",
                "Nov 12 08:00:06 mx1 postfix/smtpd[303]: AB12CD34F2: client=s[192.0.2.33], foo=sasl_method=x",
                "Nov 12 08:00:06 mx1 postfix/smtpd[304]: AB12CD34F3: client=s[ipv6:2001:db8::1], sasl_username=a, b, sasl_method=cram-md5",
                "Feb 29 08:00:06 mx1 postfix/smtpd[305]: AB12CD34F4: client=s[192.0.2.35], sasl_method=PLAIN, sasl_username=leap",
                "Nov  2 08:00:06 mx1 postfix/smtpd[306]: AB12CD34F5: client=s[192.0.2.36], sasl_method=PLAIN, sasl_username=padded",
                "Nov 12 08:00:06 mx1 smtpd[77]: connect from opensmtpd[192.0.2.9]",
                "Nov 12 08:00:06 mx1 postfix/smtpd: connect from nopid[192.0.2.9]",
                "Nov 12 08:00:06 mx1 postfix/smtpd[8: connect from broken-tag[192.0.2.9]",
                "Nov 12 08:00:06 mx1 post fix/smtpd[8]: connect from spaced-tag[192.0.2.9]",
                "Nov 12 08:00:07  postfix/smtpd[8]: connect from empty-host",
                "2026-11-12T08:00:07.5+01:00 mx1 postfix/qmgr[300]: 5B1B2C3D4E: removed",
                "Dec  1 00:00:00 mx1 postfix/anvil[9]: statistics",
                "Nov 30 23:59:59 mx1 postfix/qmgr[300]: 7D1B2C3D4E: from=<late@x.example>",
                "Nov 12 08:00:08 mx1 postfix/submission/smtpd[102]: 7D1B2C3D4E: client=c[192.0.2.3], sasl_method=PLAIN, sasl_username=c",
                // what Postfix writes at other settings and in other versions
                "Nov 12 08:00:09 mx1 postfix/smtpd[400]: connect from p[192.0.2.40]:50001",
                "Nov 12 08:00:09 mx1 postfix/smtpd[400]: Anonymous TLS connection established from p[192.0.2.40]:50001: TLSv1.3 with cipher "
                        + "TLS_AES_128_GCM_SHA256 (128/128 bits)",
                "Nov 12 08:00:09 mx1 postfix/smtpd[400]: AC12CD34F6: client=p[192.0.2.40]:50001, sasl_method=PLAIN, sasl_username=port",
                "Nov 12 08:00:09 mx1 postfix/smtpd[400]: disconnect from p[192.0.2.40]:50001 ehlo=2 starttls=1 auth=1 mail=1 rcpt=1 data=1 "
                        + "quit=1 commands=8",
                "Nov 12 08:00:10 mx1 postfix/smtpd[401]: connect from q[192.0.2.41]",
                "Nov 12 08:00:10 mx1 postfix/smtpd[401]: Untrusted TLS connection reused from q[192.0.2.41] to mail.example.com: TLSv1.2 "
                        + "with cipher ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits)",
                "Nov 12 08:00:10 mx1 postfix/smtpd[401]: AC12CD34F7: client=q[192.0.2.41], sasl_method=LOGIN, sasl_username=sni",
                "Nov 12 08:00:10 mx1 postfix/smtpd[401]: NOQUEUE: lost connection after QUIT from q[192.0.2.41]",
                "Nov 12 08:00:10 mx1 postfix/smtpd[401]: disconnect from q[192.0.2.41] ehlo=1 auth=1 mail=1 rcpt=1 data=1 commands=5",
                "Nov 12 08:00:11 mx2 postfix/submission/smtpd[402]: connect from r[192.0.2.42]",
                "Nov 12 08:00:11 mx2 postfix/submission/smtpd[402]: AC12CD34F8: client=r[192.0.2.42], sasl_method=PLAIN, sasl_username=st",
                "Nov 12 08:00:11 mx2 postfix/submission/smtpd[402]: AC12CD34F8: lost connection after DATA (0 bytes) from r[192.0.2.42]",
                "Nov 12 08:00:11 mx2 postfix/submission/smtpd[402]: disconnect from r[192.0.2.42] ehlo=2 starttls=1 auth=1 mail=1 rcpt=1 "
                        + "data=0/1 commands=6/7",
                "Nov 12 08:00:12 mx2 postfix/submission/smtpd[403]: connect from s[192.0.2.43]",
                "Nov 12 08:00:12 mx2 postfix/submission/smtpd[403]: AC12CD34F9: client=s[192.0.2.43], sasl_method=PLAIN, sasl_username=nost",
                "Nov 12 08:00:12 mx2 postfix/submission/smtpd[403]: disconnect from s[192.0.2.43] ehlo=1 starttls=0/1 auth=1 commands=2/3",
                "Nov 12 08:00:13 mx2 postfix/submission/smtpd[404]: connect from t[192.0.2.44]",
                "Nov 12 08:00:13 mx2 postfix/submission/smtpd[404]: AC12CD34FA: client=t[192.0.2.44], sasl_method=PLAIN, sasl_username=old",
                "Nov 12 08:00:13 mx2 postfix/submission/smtpd[404]: disconnect from t[192.0.2.44]",
                "Nov 12 08:00:14 mx2 postfix/smtps/smtpd[405]: connect from u[192.0.2.45]:4444",
                "Nov 12 08:00:14 mx2 postfix/smtps/smtpd[405]: AC12CD34FB: client=u[192.0.2.45]:4444, sasl_method=PLAIN, sasl_username=wrap",
                "Nov 12 08:00:14 mx2 postfix/smtps/smtpd[405]: warning: u[192.0.2.45]:4444: SASL LOGIN authentication failed: UGFz, "
                        + "sasl_username=(unavailable)",
                "Nov 12 08:00:14 mx2 postfix/smtps/smtpd[405]: warning: u[192.0.2.45]:4444: SASL LOGIN authentication failed: x, "
                        + "sasl_username=bad\tname",
                "Nov 12 08:00:14 mx2 postfix/smtps/smtpd[405]: warning: u[192.0.2.45]:4444: SASL LOGIN authentication failed: x, "
                        + "sasl_username=tab\u0009name",
                "Nov 12 08:00:15 mx2 postfix/smtpd[406]: AC12CD34FC: client=v[192.0.2.46], sasl_method=PLAIN, sasl_username=cut\u0001x",
                "0001-11-12T08:00:05Z mx1 postfix/smtpd[5]: warning: c[203.0.113.22]: SASL LOGIN authentication failed: year one",
                "9999-11-12T08:00:05Z mx1 postfix/smtpd[5]: AB12CD34FD: client=s[192.0.2.47], sasl_method=PLAIN, sasl_username=future",
                "2026-11-12T08:00:16+0100 mx1 postfix/smtpd[407]: AB12CD34FE: client=s[192.0.2.48], sasl_method=PLAIN, sasl_username=j1",
                "2026-11-12T08:00:16.25-0530 mx1 postfix/smtpd[407]: AB12CD34FF: client=s[192.0.2.48], sasl_method=PLAIN, sasl_username=j2",
                "2026-11-12T08:00:16+01 mx1 postfix/smtpd[407]: warning: x[192.0.2.49]: SASL LOGIN authentication failed: x",
                "2026-11-12T08:00:16+1 mx1 postfix/smtpd[407]: warning: x[192.0.2.50]: SASL LOGIN authentication failed: odd offset",
                "2026-11-12T08:00:16+01:0 mx1 postfix/smtpd[407]: warning: x[192.0.2.51]: SASL LOGIN authentication failed: odd offset",
                // recipient counts: many, a deferred message's second qmgr line, a sender quoted to hold ", nrcpt=",
                // no "(queue …)" note, too many digits, a from= line without a count
                "Nov 12 08:00:17 mx2 postfix/submission/smtpd[408]: BD12CD34E1: client=w[192.0.2.60], sasl_method=PLAIN, "
                        + "sasl_username=many",
                "Nov 12 08:00:17 mx2 postfix/qmgr[409]: BD12CD34E1: from=<many@x.example>, size=5000, nrcpt=250 (queue active)",
                "Nov 12 08:00:17 mx2 postfix/smtp[410]: BD12CD34E1: to=<a@y.example>, relay=none, delay=0.1, dsn=4.4.1, "
                        + "status=deferred (connect to y.example[198.51.100.1]:25: Connection refused)",
                "Nov 12 08:10:17 mx2 postfix/qmgr[409]: BD12CD34E1: from=<many@x.example>, size=5000, nrcpt=250 (queue active)",
                "Nov 12 08:10:18 mx2 postfix/qmgr[409]: BD12CD34E1: removed",
                "Nov 12 08:10:19 mx2 postfix/submission/smtpd[408]: BD12CD34E2: client=w[192.0.2.60], sasl_method=PLAIN, "
                        + "sasl_username=sly",
                "Nov 12 08:10:19 mx2 postfix/qmgr[409]: BD12CD34E2: from=<\"x, size=1, nrcpt=999 (queue active)\"@x.example>, "
                        + "size=10, nrcpt=2 (queue active)",
                "Nov 12 08:10:20 mx2 postfix/submission/smtpd[408]: BD12CD34E3: client=w[192.0.2.60], sasl_method=PLAIN, "
                        + "sasl_username=bare",
                "Nov 12 08:10:20 mx2 postfix/qmgr[409]: BD12CD34E3: from=bare@x.example, size=10, nrcpt=6",
                "Nov 12 08:10:21 mx2 postfix/submission/smtpd[408]: BD12CD34E4: client=w[192.0.2.60], sasl_method=PLAIN, "
                        + "sasl_username=huge",
                "Nov 12 08:10:21 mx2 postfix/qmgr[409]: BD12CD34E4: from=<huge@x.example>, size=10, nrcpt=12345678901 (queue active)",
                "Nov 12 08:10:22 mx2 postfix/submission/smtpd[408]: BD12CD34E5: client=w[192.0.2.60], sasl_method=PLAIN, "
                        + "sasl_username=expired",
                "Nov 12 08:10:22 mx2 postfix/qmgr[409]: BD12CD34E5: from=<expired@x.example>, status=expired, returned to sender",
                "Nov 12 08:10:23 mx2 postfix/submission/smtpd[408]: disconnect from w[192.0.2.60] ehlo=2 starttls=1 auth=1 mail=5 "
                        + "rcpt=260 data=5 quit=1 commands=275",
                "garbage sasl_username=x",
                "Nov",
                "");
        List<byte[]> lines = lines(text.getBytes(StandardCharsets.UTF_8));
        Outcome asText = asText(lines);
        Outcome fromBytes = fromBytes(text.getBytes(StandardCharsets.UTF_8));
        assertThat(asText.submissions()).hasSizeGreaterThanOrEqualTo(4);
        assertThat(asText.submissions()).filteredOn(s -> s.server().equals("mx2") && s.clientIp().equals("192.0.2.60"))
                .extracting(LogSubmission::sender, LogSubmission::recipients).containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("many", 250), org.assertj.core.groups.Tuple.tuple("sly", 2),
                        org.assertj.core.groups.Tuple.tuple("bare", 6), org.assertj.core.groups.Tuple.tuple("huge", 0),
                        org.assertj.core.groups.Tuple.tuple("expired", 0));
        assertThat(asText.submissions()).filteredOn(s -> s.sender().equals("alice@example.com"))
                .extracting(LogSubmission::recipients).containsExactly(1);
        assertThat(fromBytes).isEqualTo(asText);
    }
}
