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
 *
 * <p><b>Finding the earlier imports by index (issue 15).</b> A long earlier import (64 KiB or more)
 * can be a prefix only of a content with the same first 64 KiB ({@code head_hash}). A short one could
 * be a prefix of any content at least as long, and used to be selected by length alone, so a folder of
 * 50 000 small files read every short source imported before each file. Now each short import is
 * keyed by the hash of its first k bytes, k its length rounded down to a multiple of
 * {@value #PREFIX_STEP} (or its whole length below that) ({@link #prefixKey}), and a content looks up
 * the keys of its own prefixes of those lengths ({@link #prefixKeys}): at most 63 + 1023 hashes of
 * the head it has read anyway, one indexed look-up. A short import that is a prefix of the content
 * always has one of these keys (it shares its first k bytes with the content), so nothing is missed,
 * including a prefix that does not end a line (the "last line changed" refusal) and files whose lines
 * end in CR or UTF-16. What the keys let through beside the real prefixes are earlier imports that
 * agree with the content on all but at most their last 63 bytes, which the hashing below tells apart.
 * Alternatives weighed: the lead hash (first two lines) needs no new column, but misses a short import
 * of fewer than two lines (a header-only CSV that grew, a CR-only file) unless those are scanned;
 * keys at powers of two need only 16 hashes but let through every earlier import that shares just
 * half its bytes, such as many small CSVs that share a header and the date of their first row.
 * A batch of many files holds the keys of the cache in memory ({@link SourceStore.Known}) and looks up
 * only those some source has.
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

    /** Prefix keys are taken at lengths that are multiples of this (and at every length below it). */
    static final int PREFIX_STEP = 64;
    /** Bytes of SHA-256 kept in a prefix key: enough to tell contents apart, as every candidate is hashed again in full. */
    private static final int PREFIX_KEY_BYTES = 16;

    /**
     * The prefix key of a content of {@code length} bytes whose first bytes are in {@code head}: the
     * start of the SHA-256 of its first k bytes, k = {@code length} rounded down to a multiple of
     * {@value #PREFIX_STEP}, or {@code length} itself when smaller. Null for a content of 64 KiB or more
     * (found by its head hash) or when the head does not hold those k bytes (the file changed while
     * it was read): such a source is found like one of an earlier version, by length.
     */
    static String prefixKey(byte[] head, int headLength, long length) {
        if (length <= 0 || length >= SourceStore.HEAD_BYTES) {
            return null;
        }
        int k = (int) (length < PREFIX_STEP ? length : length / PREFIX_STEP * PREFIX_STEP);
        if (k > headLength) {
            return null;
        }
        MessageDigest d = sha256();
        d.update(head, 0, k);
        return key(d.digest());
    }

    /**
     * The keys of every prefix of the content that a short earlier import could be keyed by: its first
     * 1 to 63 bytes and its first 64, 128, … bytes, up to what the head holds and below 64 KiB.
     */
    static List<String> prefixKeys(byte[] head, int headLength) {
        int limit = Math.min(headLength, SourceStore.HEAD_BYTES - 1);
        List<String> keys = new java.util.ArrayList<>(Math.min(limit, PREFIX_STEP - 1) + limit / PREFIX_STEP);
        MessageDigest d = sha256();
        int done = 0;
        for (int k = 1; k <= limit; k = k < PREFIX_STEP ? k + 1 : k + PREFIX_STEP) {
            d.update(head, done, k - done);
            done = k;
            keys.add(key(cloneOf(d).digest()));
        }
        return keys;
    }

    private static String key(byte[] digest) {
        return HexFormat.of().formatHex(digest, 0, PREFIX_KEY_BYTES);
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

    /**
     * What an earlier import means for {@code source}. {@code known}, in a batch of many files, says
     * which of the content's prefix keys any source has, so that only those are looked up (null: all are).
     */
    static Verdict check(Connection c, SourceStore.Known known, ContentSource source, byte[] head, int headLength)
            throws SQLException, BadInputException {
        return check(known == null ? (h, keys, length) -> SourceStore.candidates(c, h, keys, length) : known::candidates,
                source, head, headLength);
    }

    /** Finds the earlier contents that could be a prefix of a content ({@link SourceStore#candidates}). */
    @FunctionalInterface
    interface Candidates {
        /** Those with head hash {@code headHash} no longer than {@code length}, or short ones with one of {@code prefixKeys}; shortest first. */
        List<Source> find(String headHash, List<String> prefixKeys, long length) throws SQLException;
    }

    /** What the earlier contents that {@code earlier} finds mean for {@code source}. */
    static Verdict check(Candidates earlier, ContentSource source, byte[] head, int headLength) throws SQLException, BadInputException {
        List<String> keys = prefixKeys(head, headLength);
        List<Source> candidates = earlier.find(headHash(head, headLength), keys, source.lengthOrUnknown());
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
        // A head shorter than its buffer is the whole content: the candidates are checked against it
        // without opening the file again (one open less for each of many small files).
        try (InputStream in = headLength < SourceStore.HEAD_BYTES ? new java.io.ByteArrayInputStream(head, 0, headLength)
                : source.content(n -> { })) {
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
