package org.mailflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailflow.cache.Cache;
import org.mailflow.testing.Fixtures;

/** The headless command line: outputs a script would read, and the exit codes of SPEC 7. */
class CommandLineTest {
    @TempDir
    Path dir;

    private Path cache;

    record Run(int code, String out, String err) {
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("--cache", cache.toString()));
        all.addAll(List.of(args));
        int code = MailflowCommand.run(all.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    @BeforeEach
    void fixture() throws Exception {
        try (Cache c = Fixtures.smallBulkCache(dir)) {
            cache = c.file();
        }
    }

    /** Only the command named is built (start-up time); the help and an unknown command still see all of them. */
    @Test
    void theHelpListsEveryCommandAndAnUnknownOneIsAUsageError() {
        Run help = run("--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("gui", "import", "demo", "smtp-auth", "bulk").doesNotContain("bench");
        assertThat(run("bench", "import").code()).as("the benchmarks are not in the product").isEqualTo(2);
        Run importHelp = run("import", "--help");
        assertThat(importHelp.code()).isZero();
        assertThat(importHelp.out()).contains("--year", "--format").doesNotContain("Commands:");
        Run unknown = run("imprt", "x.log");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("imprt").contains("import");
        assertThat(MailflowCommand.commandNamed(new String[] {"--cache", "bulk", "smtp-auth", "summary"})).isEqualTo("smtp-auth");
        assertThat(MailflowCommand.commandNamed(new String[] {"--cache=x.db", "-h"})).isNull();
    }

    @Test
    void bulkTablePrintsTheBclRowsAtCurrentAndNewThresholds() {
        Run r = run("bulk", "table", "--new", "5");
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("BCL,All email,Delivered at current threshold,Identified at current threshold,"
                + "Delivered at new threshold,Identified at new threshold\r\n"
                + "1,0,0,0,0,0\r\n2,0,0,0,0,0\r\n3,100,100,0,100,0\r\n4,0,0,0,0,0\r\n5,50,50,0,0,50\r\n"
                + "6,40,40,0,0,40\r\n7,10,0,10,0,10\r\n8,60,0,60,0,60\r\n9,5,0,5,0,5\r\n");
    }

    @Test
    void bulkTableUsesAPolicysThresholdAsCurrent() {
        Run r = run("bulk", "table", "--policy", "marketing");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("\r\n7,10,10,0,10,0\r\n", "\r\n8,60,0,60,0,60\r\n");
    }

    @Test
    void bulkSendersHasTheConditionalColumnsOfTheThresholds() {
        Run same = run("bulk", "senders");
        assertThat(same.out()).startsWith("Sender,BCL,Sender quality,Potential false positive,Potential false negative\r\n"
                + "allowed@trusted.example,9,100,True,False\r\n"
                + "spam@deals.example,8,12,False,False\r\n");
        Run lower = run("bulk", "senders", "--new", "5", "--filter", "newly-blocked");
        assertThat(lower.out()).isEqualTo("Sender,BCL,Sender quality,Newly blocked sender,Potential false positive\r\n"
                + "six@shop.example,6,54,True,True\r\nmid@shop.example,5,14,True,False\r\n");
        Run higher = run("bulk", "senders", "--new", "9", "--quality", "55", "--search", "PROMO");
        assertThat(higher.out()).isEqualTo("Sender,BCL,Sender quality,Newly allowed sender,Potential false negative\r\n"
                + "edge@promo.example,7,54,True,True\r\n");
    }

    @Test
    void bulkSendersWritesTheSameBytesToAFile() throws Exception {
        Path out = dir.resolve("senders.csv");
        Run r = run("bulk", "senders", "--new", "6", "--out", out.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(Files.readString(out, StandardCharsets.UTF_8)).isEqualTo(run("bulk", "senders", "--new", "6").out());
    }

    @Test
    void bulkSenderPrintsThePanelFields() {
        Run r = run("bulk", "sender", "SPAM@Deals.example");
        assertThat(r.code()).isZero();
        assertThat(r.out().lines()).containsExactly(
                "Sender: spam@deals.example",
                "Messages: 60",
                "Messages in Inbox: 0",
                "Messages in quarantine or Junk Email: 60",
                "Admin setting: None",
                "User allowed messages: 0",
                "User blocked messages: 40",
                "False positive submissions: 0",
                "False negative submissions: 0",
                "User moved from Junk Email to Inbox: 0",
                "User moved from Inbox to Junk Email: 0",
                "User deleted messages: 0",
                "Admin quarantined messages: 0",
                "Admin moved from Inbox to Junk Email: 0",
                "Admin deleted messages: 0",
                "Sender quality: 12");
    }

    @Test
    void aSenderOnlySeenOutsideTheWindowIsAUsageError() {
        Run r = run("bulk", "sender", "spam@deals.example", "--days", "7", "--as-of", "2026-10-01");
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("No messages or feedback from spam@deals.example");
    }

    @Test
    void outOfRangeOptionsAreUsageErrors() {
        assertThat(run("bulk", "table", "--new", "12").code()).isEqualTo(ExitCodes.USAGE);
        assertThat(run("bulk", "table", "--new", "12").err()).contains("--new must be 1 to 9").contains("Usage:");
        assertThat(run("bulk", "table", "--current", "0").code()).isEqualTo(ExitCodes.USAGE);
        assertThat(run("bulk", "senders", "--quality", "101").code()).isEqualTo(ExitCodes.USAGE);
        assertThat(run("bulk", "table", "--as-of", "12/11/2026").code()).isEqualTo(ExitCodes.USAGE);
        assertThat(run("bulk", "table", "--policy", "Nope").err()).contains("Unknown policy 'Nope'; known: Default, Standard preset, "
                + "Strict preset, Marketing");
        assertThat(run("bulk", "table", "--policy", "Default", "--current", "5").code()).isEqualTo(ExitCodes.USAGE);
        assertThat(run("bulk", "senders", "--filter", "newly-blocked").err())
                .contains("--filter newly-blocked is not a column at current 7 and new 7");
        assertThat(run("bulk", "senders", "--filter", "everything").code()).isEqualTo(ExitCodes.USAGE);
        assertThat(run("import", "--format", "xml", "x.csv").code()).isEqualTo(ExitCodes.USAGE);
        assertThat(run("nonsense").code()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void importPrintsASummaryAndABadFileChangesNothing() throws Exception {
        Path good = dir.resolve("bulk.csv");
        Files.writeString(good, "timestamp,sender,bcl,delivery,count\n2026-11-12T10:00:00Z,new@x.example,4,inbox,7\n");
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "timestamp,sender,bcl,delivery\n2026-11-12T10:00:00Z,a@x.example,12,inbox\n");

        Run failed = run("import", good.toString(), bad.toString());
        assertThat(failed.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(failed.err()).contains(bad + ", line 2: BCL 12 is outside 0-9").contains("Nothing was changed.");
        assertThat(run("bulk", "table").out()).contains("\r\n4,0,0,0,0,0\r\n");

        Run ok = run("import", good.toString());
        assertThat(ok.code()).isZero();
        assertThat(ok.out()).contains("bulk.csv: 1 row imported (bulk)");
        assertThat(run("bulk", "table").out()).contains("\r\n4,7,7,0,7,0\r\n");
        assertThat(run("import", good.toString()).out()).contains("already imported, nothing added");
        assertThat(run("bulk", "table").out()).contains("\r\n4,7,7,0,7,0\r\n");
    }

    @Test
    void importReadsAPostfixLogWithTheYearGivenAndPrintsNoProgressWhenNotOnATerminal() throws Exception {
        Path log = dir.resolve("mail.log");
        Files.writeString(log, String.join("\n",
                "Dec 31 23:59:59 mx1 postfix/submission/smtpd[1]: 8E5F607182: client=a[192.0.2.1], sasl_method=PLAIN, "
                        + "sasl_username=alice@example.com",
                "Jan  1 00:00:01 mx1 postfix/submission/smtpd[1]: 9F60718293: client=a[192.0.2.1], sasl_method=PLAIN, "
                        + "sasl_username=alice@example.com",
                "Jan  1 00:00:02 mx1 postfix/smtpd[2]: warning: unknown[203.0.113.6]: SASL LOGIN authentication failed: "
                        + "UGFzc3dvcmQ6, sasl_username=alice@example.com",
                ""));
        assertThat(run("import", "--year", "12", log.toString()).code()).isEqualTo(ExitCodes.USAGE);
        assertThat(run("import", "--year", "twenty", log.toString()).code()).isEqualTo(ExitCodes.USAGE);
        Run ok = run("import", "--year", "2025", log.toString());
        assertThat(ok.code()).isZero();
        assertThat(ok.out()).contains("mail.log: 2 submissions and 1 failed authentication imported (postfix, 3 lines read");
        assertThat(ok.err()).doesNotContain("\r").doesNotContain("Importing");
        // the year rolled over at Dec -> Jan: one submission on 2025-12-31, one on 2026-01-01
        assertThat(run("smtp-auth", "export", "--pivot", "volume", "--from", "2025-12-31", "--to", "2026-01-01",
                "--out", dir.resolve("v.csv").toString()).code()).isZero();
        assertThat(Files.readString(dir.resolve("v.csv"))).contains("alice@example.com");
        assertThat(run("import", log.toString()).out()).contains("already imported, nothing added");
    }

    @Test
    void importOfAFolderThatCannotBeReadOrDoesNotExistIsBadInput() throws Exception {
        Run missing = run("import", dir.resolve("no-such-folder").toString());
        assertThat(missing.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(missing.err()).contains("no-such-folder").contains("does not exist");
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Run none = run("import", empty.toString());
        assertThat(none.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(none.err()).contains("holds no files to import");
    }

    @Test
    void aFileThatIsNotACacheIsRefusedWithExitCode4AndLeftUntouched() throws Exception {
        Path notCache = dir.resolve("notes.txt");
        Files.writeString(notCache, "just some notes\n");
        byte[] before = Files.readAllBytes(notCache);
        cache = notCache;
        Run r = run("bulk", "table");
        assertThat(r.code()).isEqualTo(ExitCodes.CACHE);
        assertThat(r.err()).contains("is not a Mailflow cache");
        assertThat(Files.readAllBytes(notCache)).isEqualTo(before);
    }

    @Test
    void theSampleFilesOfTheReadmeImportAndShowUp() {
        cache = dir.resolve("samples.db");
        Run r = run("import", "samples/bulk.csv", "samples/events.csv", "samples/allow-block.csv", "samples/policies.csv");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Total: 20 rows imported");
        assertThat(run("bulk", "senders", "--new", "5").out()).contains("alerts@bank.example,5,100,True,True\r\n",
                "offers@deals.example,8,0,False,False\r\n");
        assertThat(run("bulk", "table", "--policy", "Sales team").out()).contains("\r\n8,82,0,82,0,82\r\n");
    }

    @Test
    void theSmtpAuthSampleFilesImportWithTheirSubmissions() throws Exception {
        // SmtpCSReport.csv is UTF-16LE with a byte order mark and CRLF, as Microsoft's download is
        cache = dir.resolve("smtp-samples.db");
        Run r = run("import", "samples/smtp-auth.csv", "samples/SmtpCSReport.csv");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("smtp-auth.csv: 6 rows imported (smtp-auth, 23 submissions)",
                "SmtpCSReport.csv: 4 rows imported (smtpcsreport, 72 submissions)",
                "Total: 10 rows imported (95 SMTP AUTH submissions)");
        try (Cache c = Cache.open(cache)) {
            org.mailflow.cache.SmtpStore.Summary s = new org.mailflow.cache.SmtpStore(c)
                    .summary(org.mailflow.model.DayWindow.endingOn(java.time.LocalDate.of(2026, 11, 12), 7));
            assertThat(s.senders()).isEqualTo(7);
            assertThat(s.legacySenders()).as("printer, scanner, legacy-app, copier").isEqualTo(4);
            assertThat(s.messages()).isEqualTo(95);
            assertThat(s.count(org.mailflow.smtpauth.TlsVersion.TLS1_0)).isEqualTo(37);
        }
        assertThat(run("import", "samples/SmtpCSReport.csv").out()).contains("already imported, nothing added");
    }

    @Test
    void readingFromACacheThatDoesNotExistIsACacheErrorAndCreatesNothing() {
        cache = dir.resolve("typo.db");
        Run r = run("bulk", "table");
        assertThat(r.code()).isEqualTo(ExitCodes.CACHE);
        assertThat(r.err()).contains("There is no cache at " + cache);
        assertThat(cache).doesNotExist();
        assertThat(run("bulk", "table", "--new", "12").code()).isEqualTo(ExitCodes.USAGE);
        assertThat(cache).doesNotExist();
    }

    @Test
    void anUnwritableOutputIsAOneLineError() {
        Run r = run("bulk", "table", "--out", dir.resolve("missing/folder/t.csv").toString());
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).startsWith("mailflow-insights: cannot write the output: ").doesNotContain("\tat ");
    }

    @Test
    void demoFillsANewCacheButRefusesOneWithImportedData() throws Exception {
        Run refused = run("demo");
        assertThat(refused.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(refused.err()).contains("holds imported data");

        cache = dir.resolve("demo.db");
        Run made = run("demo", "--seed", "7");
        assertThat(made.code()).isZero();
        assertThat(made.out()).contains("Demo data (seed 7, small)");
        String first = run("bulk", "senders").out();
        assertThat(run("demo", "--seed", "7").code()).isZero();
        assertThat(run("bulk", "senders").out()).isEqualTo(first);
        assertThat(first.lines().count()).isGreaterThan(1500);
    }
}
