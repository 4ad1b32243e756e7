package org.mailflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.mailflow.bulk.BulkDataset;
import org.mailflow.bulk.Delivery;
import org.mailflow.bulk.FeedbackEvent;
import org.mailflow.cache.BulkStore;
import org.mailflow.cache.Cache;
import org.mailflow.cache.CacheException;
import org.mailflow.model.DayWindow;

/** Fixtures and read-backs shared by the import tests. Not a test class itself. */
final class ImportTestKit {
    /** Every fixture's data falls in this window (92 days, well under the 448-day limit of a dataset). */
    static final DayWindow WINDOW = new DayWindow(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 12, 31));

    static final String BULK_HEADER = "timestamp,sender,bcl,delivery,count";

    private ImportTestKit() {
    }

    static Path write(Path dir, String name, String content) throws IOException {
        return Files.write(dir.resolve(name), content.getBytes(StandardCharsets.UTF_8));
    }

    static Path writeBytes(Path dir, String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    static byte[] gzip(byte[] content) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                gz.write(content);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static ImportSummary run(Cache cache, boolean skipBadRows, Path... files)
            throws BadInputException, ImportCancelledException, CacheException {
        return new ImportJob(cache, new ImportOptions(Optional.empty(), skipBadRows))
                .run(List.of(files), ImportProgress.NONE, () -> false);
    }

    static ImportSummary run(Cache cache, Path... files) throws BadInputException, ImportCancelledException, CacheException {
        return run(cache, false, files);
    }

    static ImportSummary runAs(Cache cache, ImportFormat format, Path... files)
            throws BadInputException, ImportCancelledException, CacheException {
        return new ImportJob(cache, new ImportOptions(Optional.of(format), false))
                .run(List.of(files), ImportProgress.NONE, () -> false);
    }

    /** Runs an import that must fail with bad input, and checks that the cache's content did not change. */
    static BadInputException fails(Cache cache, ImportOptions options, Path... files) throws CacheException {
        String before = dump(cache);
        BadInputException e = catchThrowableOfType(BadInputException.class,
                () -> new ImportJob(cache, options).run(List.of(files), ImportProgress.NONE, () -> false));
        assertThat(e).as("the import should fail with BadInputException").isNotNull();
        assertThat(dump(cache)).as("cache content after the failed import").isEqualTo(before);
        return e;
    }

    static BadInputException fails(Cache cache, Path... files) throws CacheException {
        return fails(cache, ImportOptions.DEFAULT, files);
    }

    static BulkDataset load(Cache cache) throws CacheException {
        return new BulkStore(cache).load(WINDOW);
    }

    static BulkDataset loadDay(Cache cache, LocalDate day) throws CacheException {
        return new BulkStore(cache).load(new DayWindow(day, day));
    }

    /** All messages (every BCL) of {@code address} in the dataset; 0 when the sender is absent. */
    static long messages(BulkDataset d, String address) {
        return d.indexOf(address).map(d::messages).orElse(0L);
    }

    static long bcl(BulkDataset d, String address, int level) {
        return d.indexOf(address).map(i -> d.bclCount(i, level)).orElse(0L);
    }

    static long delivered(BulkDataset d, String address, Delivery where) {
        return d.indexOf(address).map(i -> d.delivered(i, where)).orElse(0L);
    }

    static long event(BulkDataset d, String address, FeedbackEvent e) {
        return d.indexOf(address).map(i -> d.event(i, e)).orElse(0L);
    }

    static long totalMessages(Cache cache) throws CacheException {
        return new BulkStore(cache).totalMessages();
    }

    /** Every row of every table, in a stable order: compares two states of a cache exactly. */
    static String dump(Cache cache) throws CacheException {
        return cache.read(c -> {
            StringBuilder sb = new StringBuilder();
            for (String table : List.of("meta", "source", "bulk_sender", "bulk_daily", "bulk_event_daily", "allow_block", "policy",
                    "smtp_account", "smtp_name", "smtp_detail", "smtp_message", "smtp_auth_failure", "bulk_message_seen")) {
                sb.append("## ").append(table).append('\n');
                List<String> rows = new java.util.ArrayList<>();
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
                java.util.Collections.sort(rows);
                rows.forEach(r -> sb.append(r).append('\n'));
            }
            return sb.toString();
        });
    }

    /** A bulk row. */
    static String row(String timestamp, String sender, int bcl, String delivery, int count) {
        return timestamp + "," + sender + "," + bcl + "," + delivery + "," + count;
    }
}
