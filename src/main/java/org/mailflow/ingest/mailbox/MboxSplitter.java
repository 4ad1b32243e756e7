package org.mailflow.ingest.mailbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.mailflow.ingest.bytes.Newlines;

/**
 * Streams the messages of an mbox file (LF or CRLF; a file whose lines end in a lone CR is read
 * through {@code CrLineEnds}, which passes them as LF): each message starts after a {@code From }
 * separator line; only its header bytes (up to the blank line) are kept and its body is skipped
 * unparsed, so memory stays bounded by one header section. Body lines that begin with
 * {@code From } are escaped by the writer as {@code >From } (mboxo/mboxrd) and so never split a
 * message. Text before the first separator is ignored.
 *
 * <p>Bodies are skipped by scanning a large buffer for line feeds, looking only at the first five
 * bytes of each line, which is what lets a mailbox of large messages be read at the speed of the
 * disk. Not thread-safe.
 */
public final class MboxSplitter {
    /**
     * One message: the line number of its {@code From } separator, the separator line itself
     * (without {@code From } and the line end), its header bytes (LF-ended lines, CRs dropped), and
     * the line of the file from which header bytes beyond {@link MessageHeaders#MAX_HEADER_BYTES}
     * were dropped (0 when none were: the header section is complete).
     */
    public record Message(long lineNumber, String separator, byte[] headers, long cutAtLine) {
        /** A message whose header section is complete. */
        public Message(long lineNumber, String separator, byte[] headers) {
            this(lineNumber, separator, headers, 0);
        }

        /** A message whose separator is not kept. */
        public Message(long lineNumber, byte[] headers) {
            this(lineNumber, "", headers);
        }
    }

    private static final int MAX_SEPARATOR = 1024;

    private final InputStream in;
    private final byte[] buf = new byte[1 << 18];
    private int pos;
    private int limit;
    private boolean eof;
    private long lineNumber; // lines consumed so far
    private long pendingLine = -1; // line number of a separator already read, or -1
    private String pendingSeparator;
    private byte[] line = new byte[4096];
    private int lineLength;
    private boolean lineCut; // the last line read was longer than its cap

    /** A splitter over {@code in}, which it buffers itself; the caller closes the stream. */
    public MboxSplitter(InputStream in) {
        this.in = in;
    }

    /** The next message, or null at the end of the mbox. */
    public Message next() throws IOException {
        while (pendingLine < 0) {
            if (!fill(1)) {
                return null;
            }
            if (atSeparator()) {
                readSeparator();
            } else {
                skipLine();
            }
        }
        long start = pendingLine;
        String separator = pendingSeparator;
        pendingLine = -1;
        byte[] headers = new byte[2048];
        int headersLength = 0;
        long cutAt = 0;
        boolean inHeaders = true;
        while (fill(1)) {
            if (atSeparator()) {
                readSeparator();
                break;
            }
            if (inHeaders) {
                readLine(MessageHeaders.MAX_HEADER_BYTES);
                if (lineLength == 0 && !lineCut) {
                    inHeaders = false; // the body follows: skipped line by line, never parsed
                } else if (cutAt == 0 && !lineCut && headersLength + lineLength + 1 <= MessageHeaders.MAX_HEADER_BYTES) {
                    if (headers.length < headersLength + lineLength + 1) {
                        headers = Arrays.copyOf(headers, Math.max(headers.length * 2, headersLength + lineLength + 1));
                    }
                    System.arraycopy(line, 0, headers, headersLength, lineLength);
                    headersLength += lineLength;
                    headers[headersLength++] = '\n';
                } else if (cutAt == 0) {
                    cutAt = lineNumber; // the rest of the header section is read and dropped
                }
            } else {
                skipLine();
            }
        }
        return new Message(start, separator, Arrays.copyOf(headers, headersLength), cutAt);
    }

    private void readSeparator() throws IOException {
        pendingLine = lineNumber + 1;
        readLine(MAX_SEPARATOR);
        pendingSeparator = new String(line, 5, Math.max(0, lineLength - 5), StandardCharsets.ISO_8859_1);
    }

    /** True when the line at {@code pos} begins with {@code From } (5 bytes are buffered if the content has them). */
    private boolean atSeparator() throws IOException {
        if (limit - pos < 5 && !fill(5)) {
            return false;
        }
        return limit - pos >= 5 && buf[pos] == 'F' && buf[pos + 1] == 'r' && buf[pos + 2] == 'o' && buf[pos + 3] == 'm'
                && buf[pos + 4] == ' ';
    }

    /**
     * Makes at least {@code want} bytes available from {@code pos} unless the content ends first;
     * false when no byte at all is left.
     */
    private boolean fill(int want) throws IOException {
        while (limit - pos < want && !eof) {
            if (pos > 0) {
                System.arraycopy(buf, pos, buf, 0, limit - pos);
                limit -= pos;
                pos = 0;
            }
            int n = in.read(buf, limit, buf.length - limit);
            if (n < 0) {
                eof = true;
            } else {
                limit += n;
            }
        }
        return limit > pos;
    }

    /** Consumes the rest of the current line, its line feed included. */
    private void skipLine() throws IOException {
        while (true) {
            int i = Newlines.indexOf(buf, pos, limit);
            if (i >= 0) {
                pos = i + 1;
                lineNumber++;
                return;
            }
            pos = limit;
            if (!fill(1)) {
                lineNumber++; // a last line without a line feed
                return;
            }
        }
    }

    /** Reads the current line into {@code line} (at most {@code cap} bytes kept), without LF or CRLF. */
    private void readLine(int cap) throws IOException {
        lineLength = 0;
        lineCut = false;
        while (true) {
            int end = limit;
            int nl = Newlines.indexOf(buf, pos, end);
            int i = nl < 0 ? end : nl;
            append(pos, i - pos, cap);
            if (i < end) {
                pos = i + 1;
                break;
            }
            pos = limit;
            if (!fill(1)) {
                break;
            }
        }
        lineNumber++;
        if (lineLength > 0 && line[lineLength - 1] == '\r') {
            lineLength--;
        }
    }

    private void append(int from, int length, int cap) {
        int n = Math.min(length, cap - lineLength);
        if (n < length) {
            lineCut = true;
        }
        if (n <= 0) {
            return;
        }
        if (line.length < lineLength + n) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + n));
        }
        System.arraycopy(buf, from, line, lineLength, n);
        lineLength += n;
    }
}
