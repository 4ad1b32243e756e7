package org.mailflow.ingest;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.LongConsumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.mailflow.model.UserText;

/**
 * A file to import, read as a stream of its content: {@code .gz} (recognised by its magic bytes,
 * not its name) is decompressed on the fly. Progress counts the bytes read from the file itself.
 */
final class ContentSource {
    private final Path path;
    /** Where the bytes come from when they are not a file of this machine ({@link #streamed}), else null. */
    private final StreamedLog.Opener opener;
    private volatile long rawSize;
    /** Whether the file is gzip; null until the file has been opened ({@link #opened()}). */
    private volatile Boolean gzip;

    private ContentSource(Path path, long rawSize, Boolean gzip) {
        this(path, null, rawSize, gzip);
    }

    private ContentSource(Path path, StreamedLog.Opener opener, long rawSize, Boolean gzip) {
        this.path = path;
        this.opener = opener;
        this.rawSize = rawSize;
        this.gzip = gzip;
    }

    /**
     * A content read through {@code opener}, each time from its start, rather than from a file of this
     * machine ({@link StreamedLog}); {@code name} names it in messages, {@code rawSize} and
     * {@code modifiedSecond} are what its file system's listing said.
     */
    static ContentSource streamed(Path name, long rawSize, long modifiedSecond, StreamedLog.Opener opener) throws BadInputException {
        ContentSource s = new ContentSource(name, opener, rawSize, null);
        s.modifiedSecond = modifiedSecond;
        try (InputStream in = opener.open()) {
            byte[] magic = in.readNBytes(2);
            s.gzip = magic.length == 2 && magic[0] == (byte) 0x1f && magic[1] == (byte) 0x8b;
        } catch (IOException e) {
            throw new BadInputException(name, 0, UserText.of("input.unreadable", String.valueOf(e.getMessage())), e);
        }
        return s;
    }

    /** True when the content is a file of this machine, which can be read at chosen places. */
    boolean local() {
        return opener == null;
    }

    /** Opens a file now: its size, and whether it is gzip. */
    static ContentSource open(Path path) throws BadInputException {
        if (Files.isDirectory(path)) {
            throw new BadInputException(path, 0, UserText.of("input.isFolder"));
        }
        ContentSource s = new ContentSource(path, 0, null);
        s.ensureOpened();
        return s;
    }

    /**
     * A regular file found in a folder, of the size the folder's listing gave, opened only when its
     * turn comes or when it is read ahead ({@link #ensureOpened()}, {@link Prefetch}): in a folder of
     * 200 000 files, opening each one up front only to learn whether it is gzip took two seconds.
     */
    static ContentSource listed(Path path, long size) {
        return new ContentSource(path, size, null);
    }

    /** True once the file has been opened (its gzip magic read). */
    boolean opened() {
        return gzip != null;
    }

    /** Opens the file if it has not been: its size (from the open file) and its gzip magic. */
    void ensureOpened() throws BadInputException {
        if (gzip != null) {
            return;
        }
        // the size from the open file rather than a second look-up of its path (many small files)
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(path, java.nio.file.StandardOpenOption.READ)) {
            java.nio.ByteBuffer magic = java.nio.ByteBuffer.allocate(2);
            while (magic.hasRemaining() && ch.read(magic) > 0) {
                // a read may return fewer bytes than asked
            }
            rawSize = ch.size();
            gzip = magic.position() == 2 && magic.get(0) == (byte) 0x1f && magic.get(1) == (byte) 0x8b;
        } catch (NoSuchFileException e) {
            throw new BadInputException(path, 0, UserText.of("input.missing"), e);
        } catch (AccessDeniedException e) {
            throw new BadInputException(path, 0, UserText.of("input.denied"), e);
        } catch (IOException e) {
            throw new BadInputException(path, 0, UserText.of("input.unreadable", String.valueOf(e.getMessage())), e);
        }
    }

    Path path() {
        return path;
    }

    long rawSize() {
        return rawSize;
    }

    /** The content's length when known without reading it (plain files), else {@link Long#MAX_VALUE}. */
    long lengthOrUnknown() {
        return Boolean.TRUE.equals(gzip) ? Long.MAX_VALUE : rawSize;
    }

    /** The file's modification time (epoch second) taken when it was read ahead, else {@link Long#MIN_VALUE}. */
    private volatile long modifiedSecond = Long.MIN_VALUE;

    /**
     * The file's modification time, in epoch seconds: the one taken when it was read ahead, so that a
     * file moved away since (a Maildir message a mail program moved from {@code new} to {@code cur},
     * a log that logrotate renamed) is imported as it was read, else looked up now.
     */
    long modifiedEpochSecond() throws IOException {
        long known = modifiedSecond;
        return known != Long.MIN_VALUE ? known : Files.getLastModifiedTime(path).toInstant().getEpochSecond();
    }

    /** The content and its SHA-256, read ahead on another thread ({@link Prefetch}); null when not read ahead. */
    private volatile Preloaded preloaded;

    private record Preloaded(byte[] content, byte[] sha256) {
    }

    /** Content larger than this, after decompression, is not read ahead whole. */
    static final int MAX_PRELOADED = 8 << 20;

    /**
     * Reads the whole content into memory and takes its SHA-256, on a {@link Prefetch} worker. A file
     * that cannot be read, whose content is larger than {@link #MAX_PRELOADED}, or for whose content
     * {@code reserve} finds no room is left to be read in its turn (which reports a failure with the
     * file's name).
     */
    void preload(java.util.function.LongPredicate reserve) {
        try {
            byte[] bytes;
            if (gzip == null) {
                // one open for the size, the magic and the content (a Maildir's files are opened once each)
                byte[] raw;
                try (InputStream in = Files.newInputStream(path)) {
                    raw = in.readNBytes((int) Prefetch.MAX_FILE + 1);
                }
                if (raw.length > Prefetch.MAX_FILE) {
                    return; // grew since it was listed: opened and read in its turn
                }
                boolean zipped = raw.length >= 2 && raw[0] == (byte) 0x1f && raw[1] == (byte) 0x8b;
                if (zipped) {
                    try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(raw), 65536)) {
                        bytes = in.readNBytes(MAX_PRELOADED + 1);
                    }
                } else {
                    bytes = raw;
                }
                rawSize = raw.length;
                gzip = zipped;
            } else {
                try (InputStream in = content(n -> { })) {
                    bytes = in.readNBytes(MAX_PRELOADED + 1);
                }
            }
            if (bytes.length > MAX_PRELOADED) {
                return; // too large to hold: read in its turn
            }
            long modified = Files.getLastModifiedTime(path).toInstant().getEpochSecond();
            if (!reserve.test(bytes.length)) {
                return; // too much is held ahead already: read in its turn
            }
            java.security.MessageDigest digest = Fingerprints.sha256();
            digest.update(bytes);
            modifiedSecond = modified;
            preloaded = new Preloaded(bytes, digest.digest());
        } catch (IOException | RuntimeException e) {
            // opened or read again in its turn, which reports what is wrong
        }
    }

    /** The SHA-256 of the whole content when it was read ahead, else null. */
    byte[] preloadedSha256() {
        Preloaded p = preloaded;
        return p == null ? null : p.sha256();
    }

    /**
     * The content read ahead, else null. Shared, not copied: a caller reads it and never writes it
     * (the import reads its head from it).
     */
    byte[] preloadedContent() {
        Preloaded p = preloaded;
        return p == null ? null : p.content();
    }

    /** The length of the content when it was read ahead, else -1. */
    long preloadedLength() {
        Preloaded p = preloaded;
        return p == null ? -1 : p.content().length;
    }

    /** Lets go of the content read ahead. */
    void release() {
        preloaded = null;
    }

    /**
     * A new stream over the whole content; {@code rawBytes} receives each count of file bytes read (all
     * of them at once for a content read ahead, which comes from memory).
     */
    InputStream content(LongConsumer rawBytes) throws IOException {
        Preloaded p = preloaded;
        if (p != null) {
            rawBytes.accept(rawSize);
            return new java.io.ByteArrayInputStream(p.content());
        }
        if (gzip == null) {
            throw new IllegalStateException("not opened: " + path);
        }
        InputStream raw = new Counting(opener != null ? opener.open() : Files.newInputStream(path), rawBytes);
        if (gzip) {
            try {
                return new BufferedInputStream(new GZIPInputStream(raw, 65536), 65536);
            } catch (IOException | RuntimeException e) {
                raw.close(); // a damaged gzip header: the file (or a connection of HDFS or S3) is let go at once
                throw e;
            }
        }
        return new BufferedInputStream(raw, 65536);
    }

    /** A message for an I/O failure while reading the content, with the line reached if known. */
    BadInputException failure(IOException e, long line) {
        if (Boolean.TRUE.equals(gzip) && e instanceof EOFException) {
            return new BadInputException(path, line, UserText.of("input.gzipTruncated"), e);
        }
        if (Boolean.TRUE.equals(gzip) && e instanceof ZipException) {
            return new BadInputException(path, line, UserText.of("input.gzipDamaged", String.valueOf(e.getMessage())), e);
        }
        return new BadInputException(path, line, UserText.of("input.unreadable", String.valueOf(e.getMessage())), e);
    }

    private static final class Counting extends FilterInputStream {
        private final LongConsumer sink;

        Counting(InputStream in, LongConsumer sink) {
            super(in);
            this.sink = sink;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                sink.accept(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                sink.accept(n);
            }
            return n;
        }
    }
}
