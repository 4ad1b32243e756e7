package org.mailflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailflow.ingest.ImportTestKit.run;
import static org.mailflow.ingest.ImportTestKit.write;
import static org.mailflow.ingest.ImportTestKit.writeBytes;
import static org.mailflow.ingest.SmtpImportKit.DAY;
import static org.mailflow.ingest.SmtpImportKit.MS_HEADER;
import static org.mailflow.ingest.SmtpImportKit.detailedReport;
import static org.mailflow.ingest.SmtpImportKit.dump;
import static org.mailflow.ingest.SmtpImportKit.fails;
import static org.mailflow.ingest.SmtpImportKit.report;
import static org.mailflow.ingest.SmtpImportKit.row;
import static org.mailflow.ingest.SmtpImportKit.summary;
import static org.mailflow.ingest.SmtpImportKit.utf16le;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mailflow.cache.Cache;
import org.mailflow.cache.SmtpStore;
import org.mailflow.smtpauth.ReportData;
import org.mailflow.smtpauth.SenderTotals;
import org.mailflow.smtpauth.TlsVersion;

/**
 * SPEC 2.4 and 5: Microsoft's SmtpCSReport CSV (UTF-16 with a byte order mark, CRLF, quoted values, or
 * UTF-8), read back through the store; and the byte-level fingerprints of UTF-16 files.
 */
class SmtpCsReportImportTest extends WithCache {
    /** As Microsoft writes it: every value quoted, CRLF line ends. Lines 2-5. */
    private static final String MS_REPORT = quotedHeader() + "\r\n"
            + "\"2026-11-10\",\"printer@contoso.example\",\"contoso.example\",\"PLAIN\",\"10.0.0.50\",\"TLS 1.0\",\"TLS_RSA_WITH_AES_128_CBC_SHA\",\"10\",\"\"\r\n"
            + "\"2026-11-12\",\"Alice@Contoso.example\",\"contoso.example\",\"LOGIN\",\"10.0.0.1\",\"TLS 1.2\",\"TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384\",\"1\",\"<a1@contoso.example>\"\r\n"
            + "\"2026-11-12\",\"scanner\",\"Fabrikam.example\",\"LOGIN\",\"\",\"1.1\",\"\",\"4\",\"\"\r\n"
            + "\"2026-11-12\",\"alice@contoso.example\",\"contoso.example\",\"LOGIN\",\"10.0.0.2\",\"1.2\",\"TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384\",\"6\",\"\"\r\n";

    private static String quotedHeader() {
        return "\"" + MS_HEADER.replace(",", "\",\"") + "\"";
    }

    private void assertTheMicrosoftReportWasImported() throws Exception {
        ReportData r = report(cache);
        assertThat(r.messages()).isEqualTo(21);
        assertThat(r.senders()).isEqualTo(3);
        SenderTotals alice = row(r, "alice@contoso.example", "contoso.example");
        assertThat(alice.total()).isEqualTo(7);
        assertThat(alice.count(TlsVersion.TLS1_2)).isEqualTo(7);
        assertThat(row(r, "printer@contoso.example", "contoso.example").count(TlsVersion.TLS1_0)).isEqualTo(10);
        assertThat(row(r, "scanner", "fabrikam.example").count(TlsVersion.TLS1_1)).isEqualTo(4);

        SmtpStore.Summary nov12 = summary(cache, DAY);
        assertThat(nov12.senders()).isEqualTo(2);
        assertThat(nov12.legacySenders()).isEqualTo(1);
        assertThat(nov12.messages()).isEqualTo(11);

        assertThat(detailedReport(cache)).containsExactly(
                "2026-11-10,printer@contoso.example,contoso.example,PLAIN,10.0.0.50,TLS1.0,TLS_RSA_WITH_AES_128_CBC_SHA,10,",
                "2026-11-12,alice@contoso.example,contoso.example,LOGIN,10.0.0.1,TLS1.2,TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,1,a1@contoso.example",
                "2026-11-12,alice@contoso.example,contoso.example,LOGIN,10.0.0.2,TLS1.2,TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,6,",
                "2026-11-12,scanner,fabrikam.example,LOGIN,,TLS1.1,,4,");
        assertThat(SmtpImportKit.messageTimes(cache)).as("the report gives dates only: no time is made up")
                .containsExactly("a1@contoso.example=2026-11-12/null");
        String recipients = cache.read(c -> {
            try (var st = c.createStatement(); var rs = st.executeQuery("SELECT count(*), sum(recipients) FROM smtp_detail")) {
                rs.next();
                return rs.getLong(1) + " rows, " + rs.getLong(2) + " recipients";
            }
        });
        assertThat(recipients).as("the report has no recipients: 0, not logged").isEqualTo("4 rows, 0 recipients");
    }

    @Test
    void microsoftDownloadInUtf16LeWithBomCrlfAndQuotedValuesImports() throws Exception {
        Path f = writeBytes(dir, "SmtpCSReport.csv", utf16le(MS_REPORT));

        ImportSummary s = run(cache, f);

        assertThat(s.files()).singleElement().satisfies(r -> {
            assertThat(r.format()).isEqualTo("smtpcsreport");
            assertThat(r.rows()).isEqualTo(4);
            assertThat(r.submissions()).isEqualTo(21);
        });
        assertThat(s.describe()).contains("4 rows imported (smtpcsreport, 21 submissions)");
        assertTheMicrosoftReportWasImported();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"UTF-16LE", "UTF-16BE", "UTF-8 with BOM", "UTF-8"})
    void everyEncodingOfSpec5GivesTheSameSubmissions(String encoding) throws Exception {
        Path f = writeBytes(dir, "report.csv", encode(encoding).apply(MS_REPORT));

        assertThat(run(cache, f).rows()).isEqualTo(4);

        assertTheMicrosoftReportWasImported();
    }

    private static Function<String, byte[]> encode(String encoding) {
        return switch (encoding) {
            case "UTF-16LE" -> SmtpImportKit::utf16le;
            case "UTF-16BE" -> SmtpImportKit::utf16be;
            case "UTF-8 with BOM" -> SmtpImportKit::utf8Bom;
            default -> s -> s.getBytes(StandardCharsets.UTF_8);
        };
    }

    @Test
    void headerInAnyCaseWithOnlyTheRequiredColumnsImports() throws Exception {
        Path f = write(dir, "trimmed.csv", "MESSAGE_COUNT, SenderName ,Tls_Version,DATE\n"
                + "3,Printer@Contoso.example,TLSv1,2026-11-12\n"
                + "2,copier,none,2026-11-12\n");

        ImportSummary s = run(cache, f);

        assertThat(s.files().get(0).format()).isEqualTo("smtpcsreport");
        ReportData r = report(cache);
        assertThat(row(r, "printer@contoso.example", "contoso.example").count(TlsVersion.TLS1_0)).isEqualTo(3);
        assertThat(row(r, "copier", "").count(TlsVersion.NONE)).isEqualTo(2);
        assertThat(detailedReport(cache)).contains("2026-11-12,copier,,,,none,,2,");
    }

    @Test
    void senderDomainColumnGivesTheDomainOfABareUserOnly() throws Exception {
        Path f = write(dir, "domains.csv", MS_HEADER + "\n"
                + "2026-11-12,svc-print,Contoso.EXAMPLE,PLAIN,10.0.0.50,TLS 1.2,,1,\n"
                + "2026-11-12,svc-scan,scan@Fabrikam.example,PLAIN,10.0.0.51,TLS 1.2,,1,\n"
                + "2026-11-12,bob@fabrikam.example,contoso.example,PLAIN,10.0.0.52,TLS 1.2,,1,\n");

        run(cache, f);

        assertThat(report(cache).rows()).extracting(t -> t.address() + "/" + t.domain()).containsExactlyInAnyOrder(
                "svc-print/contoso.example", "svc-scan/fabrikam.example", "bob@fabrikam.example/fabrikam.example");
    }

    @Test
    void dateAcceptsTheTimestampFormsOnTheirUtcDayWithoutKeepingTheTime() throws Exception {
        Path f = write(dir, "dates.csv", MS_HEADER + "\n"
                + "2026-11-12,a@x.example,x.example,LOGIN,10.0.0.1,TLS 1.2,,1,<d1@x>\n"
                + "2026-11-12T23:30:00-01:00,a@x.example,x.example,LOGIN,10.0.0.1,TLS 1.2,,1,<d2@x>\n"
                + "2026-11-12 08:00:00,a@x.example,x.example,LOGIN,10.0.0.1,TLS 1.2,,1,<d3@x>\n");

        run(cache, f);

        assertThat(SmtpImportKit.messageTimes(cache)).containsExactly(
                "d1@x=2026-11-12/null", "d2@x=2026-11-13/null", "d3@x=2026-11-12/null");
    }

    /** Header on line 1, good rows on lines 2 and 3, the bad row on line 4, a good row on line 5; UTF-16LE, CRLF. */
    private Path utf16WithBadRow(String badRow) throws Exception {
        String good = "2026-11-12,good@x.example,x.example,LOGIN,10.0.0.1,TLS 1.2,,1,";
        return writeBytes(dir, "bad-report.csv", utf16le(MS_HEADER + "\r\n" + good + "\r\n" + good + "\r\n" + badRow + "\r\n" + good + "\r\n"));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            12/11/2026,a@x.example,x.example,LOGIN,10.0.0.1,TLS 1.2,,1,              | date "12/11/2026" is not a date; expected YYYY-MM-DD (UTC)
            2026-02-30,a@x.example,x.example,LOGIN,10.0.0.1,TLS 1.2,,1,              | date "2026-02-30" is not a date
            ,a@x.example,x.example,LOGIN,10.0.0.1,TLS 1.2,,1,                        | date "" is not a date
            2026-11-12,a@x.example,x.example,LOGIN,10.0.0.1,TLS 2.0,,1,              | tls_version "TLS 2.0" is unknown; expected a TLS version such as
            2026-11-12,a@x.example,x.example,LOGIN,10.0.0.1,TLS 1.2,,,               | message_count "" is not a whole number from 0 to 10^12
            2026-11-12,a@x.example,x.example,LOGIN,10.0.0.1,TLS 1.2,,-2,             | message_count "-2" is not a whole number
            2026-11-12,a@x.example,x.example,LOGIN,10.0.0.1,TLS 1.2,,"1,5",          | message_count "1,5" is not a whole number
            2026-11-12,,x.example,LOGIN,10.0.0.1,TLS 1.2,,1,                         | senderName is empty
            2026-11-12,a@x.example,x.example,LOGIN,10.0.0.1,TLS 1.2,,1               | expected 9 columns as in the header, found 8
            """)
    void badRowOfAUtf16ReportFailsTheFileWithItsLineAndReason(String badRow, String reason) throws Exception {
        run(cache, write(dir, "existing.csv", MS_HEADER + "\n2026-11-01,old@x.example,x.example,LOGIN,10.0.0.1,TLS 1.2,,3,\n"));
        Path f = utf16WithBadRow(badRow);

        BadInputException e = fails(cache, f);

        assertThat(e.file()).isEqualTo(f);
        assertThat(e.line()).isEqualTo(4);
        assertThat(e.reason()).contains(reason);
        assertThat(e.getMessage()).contains("bad-report.csv, line 4: ");
        assertThat(report(cache).rows()).extracting(SenderTotals::address).containsExactly("old@x.example");
    }

    @Test
    void skipBadRowsImportsTheGoodRowsOfAUtf16Report() throws Exception {
        Path f = writeBytes(dir, "skip.csv", utf16le(MS_HEADER + "\r\n"
                + "2026-11-12,a@x.example,x.example,LOGIN,10.0.0.1,TLS 1.2,,2,\r\n"
                + "2026-11-12,a@x.example,x.example,LOGIN,10.0.0.1,TLS 1.2,,lots,\r\n"
                + "2026-11-12,a@x.example,x.example,LOGIN,10.0.0.1,SSL 9,,1,\r\n"
                + "2026-11-12,a@x.example,x.example,LOGIN,10.0.0.1,TLS 1.0,,3,\r\n"));

        ImportSummary s = ImportTestKit.run(cache, true, f);

        assertThat(s.rows()).isEqualTo(2);
        assertThat(s.submissions()).isEqualTo(5);
        assertThat(s.files().get(0).badRows()).extracting(ImportSummary.BadRow::line).containsExactly(3L, 4L);
        SenderTotals a = row(report(cache), "a@x.example", "x.example");
        assertThat(a.count(TlsVersion.TLS1_2)).isEqualTo(2);
        assertThat(a.count(TlsVersion.TLS1_0)).isEqualTo(3);
    }

    /**
     * A row whose values hold the byte 0A outside a line feed: U+0A0A (GURMUKHI LETTER UU) is 0A 0A
     * in both byte orders, U+010A is 0A 01 in UTF-16LE and 01 0A in UTF-16BE. Counting raw 0A bytes
     * as lines would skip the wrong rows when the file grows.
     */
    private static String rowWithTraps(int n, int count) {
        return "2026-11-12,a@x.example,x.example,LOGIN,10.0.0.1,TLS 1.2,\u0A0A\u010Acipher,"
                + count + ",<\u0A0A" + n + "\u010A@x.example>\r\n";
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"UTF-16LE", "UTF-16BE", "UTF-8 with BOM"})
    void reimportAddsNothingAndAGrownFileImportsOnlyItsNewRows(String encoding) throws Exception {
        Function<String, byte[]> enc = encode(encoding);
        String first = MS_HEADER + "\r\n" + rowWithTraps(1, 1) + rowWithTraps(2, 2);
        Path f = writeBytes(dir, "growing.csv", enc.apply(first));
        run(cache, f);
        String after = dump(cache);

        ImportSummary again = run(cache, f);

        assertThat(again.files().get(0).status()).isEqualTo(ImportSummary.Status.ALREADY_IMPORTED);
        assertThat(dump(cache)).isEqualTo(after);

        // appended in the same encoding, without a second byte order mark
        byte[] more = (rowWithTraps(3, 4) + rowWithTraps(4, 8)).getBytes(switch (encoding) {
            case "UTF-16LE" -> StandardCharsets.UTF_16LE;
            case "UTF-16BE" -> StandardCharsets.UTF_16BE;
            default -> StandardCharsets.UTF_8;
        });
        Files.write(f, more, StandardOpenOption.APPEND);
        ImportSummary grown = run(cache, f);

        ImportSummary.FileResult r = grown.files().get(0);
        assertThat(r.status()).isEqualTo(ImportSummary.Status.CONTINUED);
        assertThat(r.firstNewLine()).isEqualTo(4);
        assertThat(r.rows()).isEqualTo(2);
        assertThat(r.submissions()).isEqualTo(12);
        assertThat(row(report(cache), "a@x.example", "x.example").total()).isEqualTo(15);
        assertThat(detailedReport(cache)).hasSize(4).allSatisfy(line -> assertThat(line).contains("\u0A0A\u010Acipher"));

        assertThat(run(cache, f).files().get(0).status()).isEqualTo(ImportSummary.Status.ALREADY_IMPORTED);
        assertThat(row(report(cache), "a@x.example", "x.example").total()).isEqualTo(15);
    }

    @Test
    void invalidUtf16IsRefusedOnItsLineNamingTheEncoding() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(utf16le(MS_HEADER + "\r\n2026-11-12,a@x.example,x.example,LOGIN,10.0.0.1,TLS 1.2,,1,\r\n2026-11-12,"));
        b.writeBytes(new byte[] {0x00, (byte) 0xD8}); // a high surrogate with no low one after it
        b.writeBytes("x@x.example,x.example,LOGIN,10.0.0.1,TLS 1.2,,1,\r\n".getBytes(StandardCharsets.UTF_16LE));
        Path f = writeBytes(dir, "broken16.csv", b.toByteArray());

        BadInputException e = fails(cache, f);

        assertThat(e.line()).isEqualTo(3);
        assertThat(e.reason()).contains("not valid UTF-16LE").contains("byte order mark");
    }

    @Test
    void utf16WithoutAByteOrderMarkIsRefusedSayingWhatIsRead() throws Exception {
        Path f = writeBytes(dir, "nobom.csv", MS_REPORT.getBytes(StandardCharsets.UTF_16LE));

        BadInputException e = fails(cache, f);

        assertThat(e.reason()).contains("not a text file").contains("UTF-16 with a byte order mark");
    }

    @Test
    void theDetailedReportOfOneCacheImportsIntoAnotherAsTheSameRows() throws Exception {
        run(cache, writeBytes(dir, "SmtpCSReport.csv", utf16le(MS_REPORT)));
        List<String> exported = detailedReport(cache);

        Path other = dir.resolve("other");
        Files.createDirectories(other);
        try (Cache second = Cache.open(other.resolve("cache.db"))) {
            StringBuilder csv = new StringBuilder(MS_HEADER).append("\r\n");
            exported.forEach(line -> csv.append(line).append("\r\n"));
            ImportTestKit.run(second, write(other, "report.csv", csv.toString()));

            assertThat(detailedReport(second)).containsExactlyElementsOf(exported);
            assertThat(new SmtpStore(second).totalSubmissions()).isEqualTo(new SmtpStore(cache).totalSubmissions());
        }
    }
}
