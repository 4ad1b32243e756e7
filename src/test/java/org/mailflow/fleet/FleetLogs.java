package org.mailflow.fleet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.zip.GZIPOutputStream;
import java.util.List;
import org.mailflow.bench.EximLogGenerator;
import org.mailflow.bench.MboxGenerator;
import org.mailflow.bench.PostfixLogGenerator;

/**
 * The logs of a small fleet, as its servers leave them: rotated series ({@code mail.log.2.gz},
 * {@code mail.log.1}, {@code mail.log}), cut at arbitrary lines (so connections run across the
 * rotations), each file's modification time the time of its last line (as logrotate leaves it),
 * classic syslog stamps without a year across a New Year, and an Exim host.
 * <ul>
 * <li>{@code mx1}: Postfix, the default mix, 31 Dec 2025 14:00 into 2 Jan 2026; three files, the
 * year changing in {@code mail.log.1}; its last lines (from 1 Jan 12:00) are held back for
 * {@link #growMx1()}, "a day of logs added".</li>
 * <li>{@code mx2}: Postfix, the relay mix (many accounts and devices), March 2026; two files, and an empty {@code mail.err}.</li>
 * <li>{@code ex1}: Exim, May 2026; two files, and a {@code README}.</li>
 * <li>{@code mailstore}: two mboxes with Exchange Online Protection headers, {@code Inbox} and {@code Junk}, May 2026.</li>
 * </ul>
 */
final class FleetLogs {
    final Path root;
    private byte[] mx1Tail;

    FleetLogs(Path root) {
        this.root = root;
    }

    FleetLogs write() throws IOException {
        byte[] mx1 = postfix(11, "mx1", LocalDateTime.of(2025, 12, 31, 14, 0), PostfixLogGenerator.Mix.DEFAULT, 0.02, 3_400_000);
        int held = firstLineAtOrAfter(mx1, "Jan  1 12:00");
        mx1Tail = java.util.Arrays.copyOfRange(mx1, held, mx1.length);
        rotate(root.resolve("mx1"), "mail.log", java.util.Arrays.copyOf(mx1, held), true, 2026, 0.35, 0.7);
        byte[] mx2 = postfix(22, "mx2", LocalDateTime.of(2026, 3, 10, 6, 0), PostfixLogGenerator.Mix.RELAY, 0.05, 2_500_000);
        rotate(root.resolve("mx2"), "mail.log", mx2, true, 2026, 0.5);
        ByteArrayOutputStream exim = new ByteArrayOutputStream();
        new EximLogGenerator(33, LocalDateTime.of(2026, 5, 4, 8, 0)).write(exim, 1_500_000);
        rotate(root.resolve("ex1"), "mainlog", exim.toByteArray(), false, 2026, 0.6);
        Files.writeString(root.resolve("ex1/README"), "Exim main logs of ex1, rotated weekly\n"); // no log: passed over
        Files.write(root.resolve("mx2/mail.err"), new byte[0]); // nothing logged yet: passed over
        Path mail = Files.createDirectories(root.resolve("mailstore"));
        new MboxGenerator(44, LocalDateTime.of(2026, 5, 1, 0, 0)).write(mail.resolve("Inbox"), 600_000);
        new MboxGenerator(45, LocalDateTime.of(2026, 5, 2, 0, 0)).write(mail.resolve("Junk"), 400_000);
        for (Path box : List.of(mail.resolve("Inbox"), mail.resolve("Junk"))) {
            Files.setLastModifiedTime(box, FileTime.from(LocalDateTime.of(2026, 5, 6, 0, 0).toInstant(ZoneOffset.UTC)));
        }
        return this;
    }

    /** Appends the held-back lines of {@code mx1} to its live {@code mail.log}: the log has grown by a day. */
    void growMx1() throws IOException {
        Path live = root.resolve("mx1/mail.log");
        Files.write(live, mx1Tail, StandardOpenOption.APPEND);
        Files.setLastModifiedTime(live, FileTime.from(lastStamp(mx1Tail, 2026).toInstant(ZoneOffset.UTC)));
    }

    private static byte[] postfix(long seed, String host, LocalDateTime start, PostfixLogGenerator.Mix mix, double traffic, long bytes)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PostfixLogGenerator(seed, start, mix).traffic(traffic).host(host).write(out, bytes);
        return out.toByteArray();
    }

    /**
     * Writes {@code content} as a rotated series in {@code folder}, cut at the line ends after the
     * given shares of its bytes: the oldest part gets the highest number and is compressed.
     */
    private static void rotate(Path folder, String name, byte[] content, boolean classic, int lastYear, double... cuts)
            throws IOException {
        Files.createDirectories(folder);
        int parts = cuts.length + 1;
        int from = 0;
        for (int i = 0; i < parts; i++) {
            int to = i < cuts.length ? lineEndAfter(content, (int) (content.length * cuts[i])) : content.length;
            byte[] part = java.util.Arrays.copyOfRange(content, from, to);
            int number = parts - 1 - i;
            Path file = folder.resolve(number == 0 ? name : name + "." + number + (number == parts - 1 ? ".gz" : ""));
            if (file.getFileName().toString().endsWith(".gz")) {
                try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(file))) {
                    o.write(part);
                }
            } else {
                Files.write(file, part);
            }
            LocalDateTime last = classic ? lastStamp(part, lastYear) : lastEximStamp(part);
            Files.setLastModifiedTime(file, FileTime.from(last.toInstant(ZoneOffset.UTC)));
            from = to;
        }
    }

    private static int lineEndAfter(byte[] b, int at) {
        int i = at;
        while (i < b.length && b[i] != '\n') {
            i++;
        }
        return Math.min(b.length, i + 1);
    }

    private static int firstLineAtOrAfter(byte[] b, String stamp) {
        byte[] s = stamp.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (int i = 0; i < b.length; i = lineEndAfter(b, i)) {
            if (b[i] == 'J' && compareStamp(b, i, s) >= 0) {
                return i;
            }
        }
        throw new IllegalStateException("no line at or after " + stamp);
    }

    private static int compareStamp(byte[] b, int i, byte[] s) {
        for (int k = 0; k < s.length; k++) {
            int c = Byte.compare(b[i + k], s[k]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** The time of the last line of a classic syslog log, in {@code year} (or the year before, for a December line). */
    private static LocalDateTime lastStamp(byte[] part, int year) {
        String last = lastLine(part);
        java.time.format.DateTimeFormatter f = java.time.format.DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss yyyy", java.util.Locale.ENGLISH);
        LocalDateTime t = LocalDateTime.parse(last.substring(0, 15) + " " + year, f);
        return t.getMonthValue() == 12 && year == 2026 && last.startsWith("Dec") ? t.minusYears(1) : t;
    }

    private static LocalDateTime lastEximStamp(byte[] part) {
        return LocalDateTime.parse(lastLine(part).substring(0, 19).replace(' ', 'T'));
    }

    private static String lastLine(byte[] part) {
        int end = part.length - 1;
        int start = end - 1;
        while (start > 0 && part[start - 1] != '\n') {
            start--;
        }
        return new String(part, start, end - start, java.nio.charset.StandardCharsets.UTF_8);
    }
}
