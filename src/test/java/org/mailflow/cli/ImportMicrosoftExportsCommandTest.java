package org.mailflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an analyst sees on the command line after importing the Microsoft 365 samples of the README
 * ({@code samples/emailevents.csv}, {@code samples/maildetailatp.csv}) and {@code samples/auth-failures.csv}:
 * the summary, the exit code, {@code bulk table} and {@code bulk senders}, and that a file that
 * cannot be read changes nothing (exit 3).
 */
class ImportMicrosoftExportsCommandTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("--cache", dir.resolve("exports.db").toString()));
        all.addAll(List.of(args));
        int code = MailflowCommand.run(all.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void theMicrosoftSamplesImportAndShowUpInTheBulkTableAndSenders() {
        Run r = run("import", "samples/emailevents.csv", "samples/maildetailatp.csv", "samples/auth-failures.csv");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains(
                "emailevents.csv: 4 bulk messages imported (emailevents, 6 rows read; 2 passed over as outbound or without a BCL; "
                        + "0 counted already by an earlier import or an overlapping export)",
                "maildetailatp.csv: 3 bulk messages imported (maildetailatp, 4 rows read; 1 passed over as outbound or without a BCL; "
                        + "0 counted already by an earlier import or an overlapping export)",
                "auth-failures.csv: 4 rows imported (auth-failures, 49 failed authentications)",
                "Total: 4 rows and 7 bulk messages imported (49 failed authentications)");
        Run table = run("bulk", "table", "--as-of", "2026-11-12", "--new", "8");
        assertThat(table.out()).contains("\r\n4,3,3,0,3,0\r\n", "\r\n7,1,0,1,1,0\r\n", "\r\n8,1,0,1,0,1\r\n", "\r\n9,2,0,2,0,2\r\n");
        assertThat(run("bulk", "senders", "--as-of", "2026-11-12").out()).contains("\r\noffers@deals.example,9,", "\r\nnews@shop.example,4,");
        assertThat(run("bulk", "sender", "offers@deals.example", "--as-of", "2026-11-12").out())
                .contains("Messages: 4", "Messages in quarantine or Junk Email: 3");
    }

    @Test
    void reimportingAnExportAddsNothingAndAnUnreadableOneChangesNothingWithExitCode3() throws Exception {
        run("import", "samples/emailevents.csv");

        Run again = run("import", "samples/emailevents.csv");
        assertThat(again.code()).isZero();
        assertThat(again.out()).contains("emailevents.csv: already imported, nothing added", "Total: 0 bulk messages imported");

        Path bad = Files.writeString(dir.resolve("hunt.csv"), "Timestamp,SenderFromAddress,BulkComplaintLevel,EmailDirection\n"
                + "2026-11-12T08:30:00Z,later@shop.example,4,Inbound\n"
                + "0001-01-01T00:00:00Z,ancient@shop.example,4,Inbound\n");
        String before = run("bulk", "table", "--as-of", "2026-11-12").out();
        Run refused = run("import", bad.toString());
        assertThat(refused.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(refused.err()).contains("hunt.csv, line 3: Timestamp \"0001-01-01T00:00:00Z\" is outside the years 1970 to 2999")
                .contains("Nothing was changed.");
        assertThat(run("bulk", "table", "--as-of", "2026-11-12").out()).isEqualTo(before);
    }
}
