package org.mailflow.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import org.mailflow.cache.SourceStore;
import org.mailflow.cache.SourceStore.Source;
import org.mailflow.model.UserText;

/**
 * Recognises content that was imported before. A content is identified by the SHA-256 of all its
 * (decompressed) bytes. Before a file is read, its first 64 KiB select the earlier imports that could
 * be a prefix of it; the file is then hashed up to the length of each of them. If one matches the
 * whole file, the file was imported already; if one matches a prefix that ends a line, the file has
 * grown since, and only the lines after that prefix are new. Names do not matter, so a rotated or
 * renamed file is still recognised.
 */
final class Fingerprints {
    private Fingerprints() {
    }

    /** What an earlier import means for this content. */
    record Verdict(Source earlier, boolean complete) {
        static final Verdict NEW = new Verdict(null, false);

        boolean isNew() {
            return earlier == null;
        }

        /** Lines already imported: the file's lines up to the earlier content's end. */
        long skipLines() {
            return earlier == null ? 0 : earlier.lineCount();
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /**
     * Hashes a megabyte of zeros with SHA-256, which every import does to every byte of its files.
     * Run at start-up beside the parsing of the command line, it gets the JIT to compile SHA-256 down
     * to the processor's own instructions before the first file is read, while the compiler is not yet
     * busy with the importer: on a cold JVM that took a tenth of a second off the import of a 300 MB
     * log (README "Performance").
     */
    static void warmUp() {
        MessageDigest sha = sha256();
        byte[] zeros = new byte[1 << 16];
        for (int i = 0; i < 16; i++) {
            sha.update(zeros);
        }
        sha.digest();
    }

    static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    /** Hash of the first two lines (of what the head holds): a CSV's header and first row. */
    static String leadHash(byte[] head, int length) {
        int end = 0;
        int lines = 0;
        while (end < length && lines < 2) {
            if (head[end++] == '\n') {
                lines++;
            }
        }
        MessageDigest d = sha256();
        d.update(head, 0, end);
        return hex(d.digest());
    }

    static String headHash(byte[] head, int length) {
        MessageDigest d = sha256();
        d.update(head, 0, Math.min(length, SourceStore.HEAD_BYTES));
        return hex(d.digest());
    }

    /**
     * Refuses content that starts with the same two lines as an earlier import yet is neither that
     * content nor that content grown ({@link #check} said new): an edited, shortened or overlapping
     * copy, whose rows would count twice. Only for formats whose rows add up.
     */
    static void refuseOverlap(Connection c, ContentSource source, byte[] head, int headLength) throws SQLException, BadInputException {
        List<Source> sameStart = SourceStore.withLead(c, leadHash(head, headLength));
        if (!sameStart.isEmpty()) {
            Source s = sameStart.get(0);
            throw new BadInputException(source.path(), 0, UserText.of("input.overlap", s.name(),
                    s.importedAt().toString().substring(0, 10)));
        }
    }

    static Verdict check(Connection c, ContentSource source, byte[] head, int headLength) throws SQLException, BadInputException {
        List<Source> candidates = SourceStore.candidates(c, headHash(head, headLength), source.lengthOrUnknown());
        if (candidates.isEmpty()) {
            return Verdict.NEW;
        }
        MessageDigest digest = sha256();
        long position = 0;
        int lastByte = -1;
        int beforeLastByte = -1;
        Source match = null;
        int matchLastByte = -1;
        int matchBeforeLastByte = -1;
        byte[] buf = new byte[65536];
        try (InputStream in = source.content(n -> { })) {
            for (Source candidate : candidates) {
                while (position < candidate.length()) {
                    int want = (int) Math.min(buf.length, candidate.length() - position);
                    int n = in.read(buf, 0, want);
                    if (n < 0) {
                        break;
                    }
                    digest.update(buf, 0, n);
                    position += n;
                    beforeLastByte = n >= 2 ? buf[n - 2] & 0xff : lastByte;
                    lastByte = buf[n - 1] & 0xff;
                }
                if (position < candidate.length()) {
                    break; // the content is shorter than this and every later candidate
                }
                if (position > 0 && hex(cloneOf(digest).digest()).equals(candidate.contentHash())) {
                    match = candidate;
                    matchLastByte = lastByte;
                    matchBeforeLastByte = beforeLastByte;
                }
            }
            if (match == null) {
                return Verdict.NEW;
            }
            if (position == match.length() && in.read() < 0) {
                return new Verdict(match, true);
            }
        } catch (IOException e) {
            throw source.failure(e, 0);
        }
        // A UTF-16 line feed is two bytes, so "ends a line" depends on the encoding.
        TextEncoding encoding = TextEncoding.detect(head, headLength);
        boolean endsLine = encoding == null ? matchLastByte == '\n' : encoding.endsLine(matchBeforeLastByte, matchLastByte);
        endsLine |= matchLastByte == '\r' && CrLineEnds.isCrOnly(head, headLength); // an old Mac file: CR ends its lines
        if (match.length() > 0 && !endsLine) {
            throw new BadInputException(source.path(), match.lineCount() + 1,
                    UserText.of("input.lastLineChanged", match.name(), String.valueOf(match.importedAt())));
        }
        return new Verdict(match, false);
    }

    private static MessageDigest cloneOf(MessageDigest d) {
        try {
            return (MessageDigest) d.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digests of the JDK are cloneable", e);
        }
    }
}
