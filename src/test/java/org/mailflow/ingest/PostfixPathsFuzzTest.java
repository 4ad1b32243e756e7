package org.mailflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mailflow.ingest.logs.PostfixBytes;
import org.mailflow.ingest.logs.PostfixParser;
import org.mailflow.ingest.logs.SyslogTime;
import org.mailflow.testing.CollectingSink;

/** Random ASCII Postfix-like lines, mutated: the text path and the byte path (PostfixBytes) give the same results, stats and bad lines. */
class PostfixPathsFuzzTest {
    static final String[] STAMPS = {"Nov 12 08:30:00", "Nov  2 08:30:00", "Nov 02 08:30:00", "nov 12 08:30:00", "Nov 12 08:30:00.123",
            "2026-11-12T08:30:00Z", "2026-11-12T08:30:00.123456+01:00", "2026-11-12T08:30:00", "2026-11-12T08:30", "2026-11-12T08:30:00+0100",
            "Nov 112 08:30:00", "Nov 12 8:30:00", "Feb 29 08:30:00", "Nov 12 08:30:60", "2026-11-12t08:30:00z", "2026-11-12T08:30:00.Z",
            "Nov 12 08:30:00.", "Nov 12 08:30:00x", "Xyz 12 08:30:00", "Nov 0 08:30:00", "2026-02-30T08:30:00Z", "2026-11-12T24:00:00Z",
            "2026-11-12T08:30:00+18:00", "2026-11-12T08:30:00-00:00", "+2026-11-12T08:30:00Z", "12026-11-12T08:30:00Z"};
    static final String[] HOSTS = {"mx1", "", "mx1 ", "m"};
    static final String[] TAGS = {"postfix/smtpd[100]", "postfix/submission/smtpd[100]", "postfix/smtps/smtpd[100]", "postfix/smtpd",
            "postfix/smtpd[]", "smtpd[100]", "postfix/cleanup[200]", "postfix/qmgr[300]", "postfix/smtpd[100]x", "postfix/smtpd[1[2]",
            "postfix/smtpd[1]]", "/smtpd[1]", "postfix/[1]", "postfix/smtpd]", "postfix/smtpd[", "[1]", "postfix/qmgr", "postfix/cleanup"};
    static final String[] MSGS = {
            "connect from a[192.0.2.1]",
            "disconnect from a[192.0.2.1] ehlo=1 starttls=1 auth=1 mail=1 rcpt=1 data=1 quit=1 commands=7",
            "disconnect from a[192.0.2.1] ehlo=1 starttls=0/1 commands=1/2",
            "disconnect from a[192.0.2.1] ehlo=1 auth=1 commands=2",
            "disconnect from a[192.0.2.1]",
            "Anonymous TLS connection established from a[192.0.2.1]: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)",
            "TLS connection established from a[192.0.2.1]: TLSv1 with cipher X (256/256 bits)",
            "Untrusted TLS connection reused from a[192.0.2.1]:4455 to sni.example: TLSv1.2 with cipher Y (256/256 bits)",
            "4A1B2C3D4E: client=a[192.0.2.1], sasl_method=PLAIN, sasl_username=alice@example.com",
            "4A1B2C3D4E: client=a[192.0.2.1]:4455, sasl_method=LOGIN, sasl_username=bob, sasl_sender=x",
            "4A1B2C3D4E: client=a[192.0.2.1], sasl_username=carol",
            "4A1B2C3D4E: client=a[192.0.2.1]",
            "4A1B2C3D4E: client=a[192.0.2.1], orig_client=b, sasl_method=PLAIN, sasl_username=x, y",
            "warning: a[192.0.2.1]: SASL LOGIN authentication failed: UGFzc3dvcmQ6",
            "warning: a[192.0.2.1]: SASL PLAIN authentication failed: , sasl_username=eve@example.com",
            "warning: a[192.0.2.1]: SASL PLAIN authentication failed: authentication failure, sasl_username=(unavailable)",
            "warning: SASL authentication failed",
            "warning: unknown[192.0.2.1]: SASL authentication failed: x",
            "4A1B2C3D4E: message-id=<m1@example.com>",
            "4A1B2C3D4E: message-id=bare (added by mx1)",
            "4A1B2C3D4E: from=<a@example.com>, size=10, nrcpt=1 (queue active)",
            "4A1B2C3D4E: from=<>, size=10",
            "4A1B2C3D4E: from=<b@example.com>, size=2048, nrcpt=137 (queue active)",
            "4A1B2C3D4E: from=<\"x, nrcpt=9 (queue active)\"@example.com>, size=10, nrcpt=3 (queue active)",
            "4A1B2C3D4E: from=<>, size=10, nrcpt=7",
            "4A1B2C3D4E: from=<a@example.com>, size=10, nrcpt=1234567890 (queue active)",
            "4A1B2C3D4E: from=<a@example.com>, status=expired, returned to sender",
            "4A1B2C3D4E: removed",
            "NOQUEUE: reject: RCPT from a[192.0.2.1]: 554",
            "lost connection after AUTH from a[192.0.2.1]",
    };
    static final char[] NOISE = {' ', ':', '[', ']', ',', '=', '\t', '\r', '\0', '/', '<', '>', 'a', '1', '.', '-', 'T', 'Z', '+', 'v', '(', ')'};

    static String line(Random r) {
        String s = STAMPS[r.nextInt(STAMPS.length)] + " " + HOSTS[r.nextInt(HOSTS.length)] + " " + TAGS[r.nextInt(TAGS.length)] + ": "
                + MSGS[r.nextInt(MSGS.length)];
        StringBuilder b = new StringBuilder(s);
        int mutations = r.nextInt(Integer.getInteger("mut", 4));
        for (int k = 0; k < mutations && b.length() > 0; k++) {
            int at = r.nextInt(b.length());
            switch (r.nextInt(3)) {
                case 0 -> b.insert(at, NOISE[r.nextInt(NOISE.length)]);
                case 1 -> b.deleteCharAt(at);
                default -> b.setCharAt(at, NOISE[r.nextInt(NOISE.length)]);
            }
        }
        return b.toString();
    }

    record Out(Object subs, Object fails, Object stats, Object bad) {
    }

    static Out text(List<String> lines) {
        CollectingSink c = new CollectingSink();
        PostfixParser p = new PostfixParser(SyslogTime.startingIn(2026), c, 50);
        long n = 0;
        for (String l : lines) {
            p.accept(++n, l);
        }
        p.finish();
        return new Out(c.submissions, c.failures, p.stats(), p.badExamples().toString());
    }

    static Out bytes(List<String> lines) throws Exception {
        CollectingSink c = new CollectingSink();
        PostfixParser p = new PostfixParser(SyslogTime.startingIn(2026), c, 50);
        byte[] content = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.ISO_8859_1);
        PostfixFastPathTest.readFromBytes(p, content);
        return new Out(c.submissions, c.failures, p.stats(), p.badExamples().toString());
    }

    @Test
    void mutatedLinesGiveTheSameResultsReadFromTheirBytesOrTheirText() throws Exception {
        Random r = new Random(Long.getLong("seed", 42));
        List<String> diffs = new ArrayList<>();
        for (int round = 0; round < 6_000 && diffs.size() < 15; round++) {
            List<String> lines = new ArrayList<>();
            // context: a connect and a client line first so that later lines have state to act on
            int n = 1 + r.nextInt(3);
            for (int i = 0; i < n; i++) {
                String l = line(r);
                if (l.indexOf('\n') >= 0) {
                    continue;
                }
                // text path as the importer would decode it: the reader drops one trailing CR
                lines.add(l);
            }
            if (lines.isEmpty()) {
                continue;
            }
            List<String> asRead = new ArrayList<>();
            for (String l : lines) {
                asRead.add(l.endsWith("\r") ? l.substring(0, l.length() - 1) : l);
            }
            Out a = text(asRead);
            Out b = bytes(lines);
            if (!a.equals(b)) {
                diffs.add(lines.toString().replace("\r", "\\r").replace("\0", "\\0").replace("\t", "\\t") + "\n   text =" + a + "\n   bytes=" + b);
            }
        }
        diffs.forEach(System.out::println);
        assertThat(diffs).isEmpty();
    }

    /** A line longer than LineReader.MAX_LINE (64 KiB) but shorter than its 256 KiB buffer: bytes see all of it, text only 64 KiB. */
    @Test
    void aLineBetween64And256KiBIsReadTheSameWay() throws Exception {
        String p = "Nov 12 08:30:00 mx postfix/submission/smtpd[100]: ";
        List<String> lines = List.of(
                p + "connect from a[192.0.2.1]",
                p + "4A1B2C3D4E: client=a[192.0.2.1], sasl_method=PLAIN, sasl_username=alice@x.example",
                "Nov 12 08:30:01 mx postfix/qmgr[300]: 4A1B2C3D4E: from=<alice@x.example>, size=1, nrcpt=1 (queue active)",
                p + "disconnect from a[192.0.2.1] ehlo=2 " + "x".repeat(70_000) + " starttls=1 auth=1 mail=1 commands=5");
        List<String> asTheReaderDecodesThem = lines.stream().map(l -> l.length() > 65536 ? l.substring(0, 65536) : l).toList();
        assertThat(bytes(lines)).isEqualTo(text(asTheReaderDecodesThem));
    }
}
