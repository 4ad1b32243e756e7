package org.mailflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.mailflow.cache.Cache;
import org.mailflow.cache.CacheException;
import org.mailflow.cache.SmtpStore;
import org.mailflow.model.DayWindow;
import org.mailflow.smtpauth.ReportData;
import org.mailflow.smtpauth.ReportFilter;
import org.mailflow.smtpauth.SenderTotals;
import org.mailflow.smtpauth.SmtpReport;

/** Fixtures and read-backs of the SMTP AUTH import tests. Not a test class itself. */
final class SmtpImportKit {
    static final String CANONICAL_HEADER = "timestamp,sender,tls_version,client_ip,auth_method,count";
    static final String MS_HEADER = "date,senderName,senderDomain,authMethod,original_client_ip,tls_version,tls_cipher,message_count,message_id";
    static final LocalDate DAY = LocalDate.of(2026, 11, 12);

    private SmtpImportKit() {
    }

    /** {@code text} as UTF-16LE with its byte order mark, as Microsoft's download is. */
    static byte[] utf16le(String text) {
        return withBom(new byte[] {(byte) 0xFF, (byte) 0xFE}, text, StandardCharsets.UTF_16LE);
    }

    static byte[] utf16be(String text) {
        return withBom(new byte[] {(byte) 0xFE, (byte) 0xFF}, text, StandardCharsets.UTF_16BE);
    }

    static byte[] utf8Bom(String text) {
        return withBom(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, text, StandardCharsets.UTF_8);
    }

    private static byte[] withBom(byte[] bom, String text, Charset charset) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(bom);
        b.writeBytes(text.getBytes(charset));
        return b.toByteArray();
    }

    /** Every row of every table, SMTP AUTH ones included, in a stable order. */
    static String dump(Cache cache) throws CacheException {
        String smtp = cache.read(c -> {
            StringBuilder sb = new StringBuilder();
            for (String table : List.of("smtp_account", "smtp_name", "smtp_detail", "smtp_message", "smtp_auth_failure")) {
                sb.append("## ").append(table).append('\n');
                List<String> rows = new ArrayList<>();
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM " + table)) {
                    ResultSetMetaData md = rs.getMetaData();
                    while (rs.next()) {
                        StringBuilder r = new StringBuilder();
                        for (int i = 1; i <= md.getColumnCount(); i++) {
                            r.append(rs.getString(i)).append('|');
                        }
                        rows.add(r.toString());
                    }
                }
                Collections.sort(rows);
                rows.forEach(r -> sb.append(r).append('\n'));
            }
            return sb.toString();
        });
        return ImportTestKit.dump(cache) + smtp;
    }

    /** Runs an import that must fail with bad input, and checks that no table changed, SMTP AUTH ones included. */
    static BadInputException fails(Cache cache, boolean skipBadRows, Path... files) throws CacheException {
        String before = dump(cache);
        BadInputException e = catchThrowableOfType(BadInputException.class,
                () -> new ImportJob(cache, new ImportOptions(Optional.empty(), skipBadRows))
                        .run(List.of(files), ImportProgress.NONE, () -> false));
        assertThat(e).as("the import should fail with BadInputException").isNotNull();
        assertThat(dump(cache)).as("cache content after the failed import").isEqualTo(before);
        return e;
    }

    static BadInputException fails(Cache cache, Path... files) throws CacheException {
        return fails(cache, false, files);
    }

    /** The report of all domains over {@link ImportTestKit#WINDOW}. */
    static ReportData report(Cache cache) throws CacheException {
        return SmtpReport.compute(new SmtpStore(cache).load(), ReportFilter.all(ImportTestKit.WINDOW));
    }

    static SmtpStore.Summary summary(Cache cache, LocalDate day) throws CacheException {
        return new SmtpStore(cache).summary(new DayWindow(day, day));
    }

    /** The details-table row of a sender under a domain. */
    static SenderTotals row(ReportData r, String address, String domain) {
        return r.rows().stream().filter(t -> t.address().equals(address) && t.domain().equals(domain)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + address + " / " + domain + " in " + r.rows().stream()
                        .map(t -> t.address() + "/" + t.domain()).toList()));
    }

    /** The detailed report (SPEC 2.4) of the window, one line per row, as its CSV would show it (not escaped). */
    static List<String> detailedReport(Cache cache) throws Exception {
        List<String> out = new ArrayList<>();
        new SmtpStore(cache).report(ImportTestKit.WINDOW, (day, sender, domain, method, ip, tls, cipher, count, messageId) ->
                out.add(LocalDate.ofEpochDay(day) + "," + sender + "," + domain + "," + method + "," + ip + "," + tls.token() + ","
                        + cipher + "," + count + "," + messageId));
        return out;
    }

    /** The stored epoch seconds of the submissions with a message-id, by message-id. */
    static List<String> messageTimes(Cache cache) throws CacheException {
        return cache.read(c -> {
            List<String> out = new ArrayList<>();
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT message_id, day, time FROM smtp_message ORDER BY message_id")) {
                while (rs.next()) {
                    out.add(rs.getString(1) + "=" + LocalDate.ofEpochDay(rs.getLong(2)) + "/" + rs.getString(3));
                }
            }
            return out;
        });
    }
}
