package org.mailflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailflow.Launcher;
import org.mailflow.cache.Cache;
import org.mailflow.cache.SmtpStore;

/**
 * An import holds memory in proportion to its batch, not to the number of distinct senders or
 * accounts: 150,000 bulk senders, and 150,000 SMTP AUTH accounts, each imported under {@code -Xmx32m}
 * in a child JVM as a user runs it. (Before the writers bounded the ids they remember and flushed
 * their aggregates every 50,000, each of the two files ran out of memory under {@code -Xmx32m}; a
 * million of either under {@code -Xmx128m}.) And when
 * memory does run out, the user reads a message and exit code 3, never a stack trace, and the cache
 * is unchanged.
 */
class ImportMemoryTest {
    private static final int DISTINCT = 150_000;

    @TempDir
    static Path dir;

    static Path bulk;
    static Path smtp;

    @BeforeAll
    static void files() throws Exception {
        bulk = dir.resolve("bulk.csv");
        try (BufferedWriter w = Files.newBufferedWriter(bulk, StandardCharsets.UTF_8)) {
            w.write("timestamp,sender,bcl,delivery,count,recipient\n");
            for (int i = 0; i < DISTINCT; i++) {
                w.write("2026-11-" + String.format("%02d", 1 + i % 28) + "T08:15:00Z,sender" + i + "@d" + (i % 5000) + ".example,"
                        + (i % 10) + ",inbox," + (1 + i % 7) + ",\n");
            }
        }
        smtp = dir.resolve("smtp-auth.csv");
        try (BufferedWriter w = Files.newBufferedWriter(smtp, StandardCharsets.UTF_8)) {
            w.write("timestamp,sender,tls_version,client_ip,auth_method,count,domain,tls_cipher,server,message_id\n");
            for (int i = 0; i < DISTINCT; i++) {
                w.write("2026-11-" + String.format("%02d", 1 + i % 28) + "T08:00:00Z,user" + i + "@c" + (i % 3000) + ".example,TLSv1.2,10."
                        + ((i >> 16) & 255) + "." + ((i >> 8) & 255) + "." + (i & 255) + ",LOGIN,1,,ECDHE-RSA-AES256-GCM-SHA384,smtp1,\n");
            }
        }
    }

    record Child(int code, String out, String err) {
    }

    static Child launch(String xmx, String... args) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>(List.of(java.toString(), xmx, "-cp", System.getProperty("mf.productClassPath", System.getProperty("java.class.path")),
                Launcher.class.getName()));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the child import did not finish in 120 s");
        }
        return new Child(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void aMillionScaleImportFitsInASmallHeap() throws Exception {
        Path cache = dir.resolve("fits.db");
        Child b = launch("-Xmx32m", "--cache", cache.toString(), "import", bulk.toString());
        assertThat(b.code()).as(b.err()).isZero();
        assertThat(b.out()).contains(String.format(java.util.Locale.ENGLISH, "%,d rows imported (bulk)", DISTINCT));
        Child c = launch("-Xmx32m", "--cache", cache.toString(), "import", smtp.toString());
        assertThat(c.code()).as(c.err()).isZero();
        assertThat(c.out()).contains(String.format(java.util.Locale.ENGLISH, "%,d submissions", DISTINCT));
        try (Cache opened = Cache.open(cache)) {
            assertThat(new SmtpStore(opened).load().accountCount()).isEqualTo(DISTINCT);
            long senders = opened.read(con -> {
                try (var st = con.createStatement(); var rs = st.executeQuery("SELECT count(*) FROM bulk_sender")) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
            assertThat(senders).isEqualTo(DISTINCT);
        }
    }

    @Test
    void runningOutOfMemoryIsAMessageAndChangesNothing() throws Exception {
        Path cache = dir.resolve("small.db");
        try (Cache created = Cache.open(cache)) {
            assertThat(new SmtpStore(created).latestDay()).isEmpty();
        }
        Child c = launch("-Xmx16m", "--cache", cache.toString(), "import", smtp.toString());
        assertThat(c.code()).as(c.out() + c.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(c.err()).contains("Out of memory", "MB", "Nothing was changed", "-Xmx")
                .doesNotContain("\tat ", "Exception in thread", "OutOfMemoryError");
        try (Cache opened = Cache.open(cache)) {
            assertThat(new SmtpStore(opened).latestDay()).isEmpty();
        }
    }
}
