package org.mailflow.ingest.mailbox;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Streams the messages of an mbox file (LF or CRLF): each message starts after a {@code From }
 * separator line; only its header bytes (up to the blank line) are kept and its body is skipped
 * unparsed, so memory stays bounded by one header section. Body lines that begin with
 * {@code From } are escaped by the writer as {@code >From } (mboxo/mboxrd) and so never split a
 * message. Text before the first separator is ignored. Not thread-safe.
 */
public final class MboxSplitter {
    /** One message: the line number of its {@code From } separator and its header bytes (LF-ended lines). */
    public record Message(long lineNumber, byte[] headers) {
    }

    private final InputStream in;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private long lineNumber;
    private long pendingSeparator = -1; // line number of a separator already read, or -1
    private boolean eof;

    /** A splitter over {@code in}, which it buffers itself; the caller closes the stream. */
    public MboxSplitter(InputStream in) {
        this.in = new BufferedInputStream(in, 1 << 16);
    }

    /** The next message, or null at the end of the mbox. */
    public Message next() throws IOException {
        while (pendingSeparator < 0) {
            if (!readLine()) {
                return null;
            }
            if (isSeparator()) {
                pendingSeparator = lineNumber;
            }
        }
        long start = pendingSeparator;
        pendingSeparator = -1;
        ByteArrayOutputStream headers = new ByteArrayOutputStream();
        boolean inHeaders = true;
        while (readLine()) {
            if (isSeparator()) {
                pendingSeparator = lineNumber;
                break;
            }
            if (inHeaders) {
                if (line.size() == 0) {
                    inHeaders = false; // the body follows: skipped line by line, never parsed
                } else if (headers.size() < MessageHeaders.MAX_HEADER_BYTES) {
                    line.writeTo(headers);
                    headers.write('\n');
                }
            }
        }
        return new Message(start, headers.toByteArray());
    }

    private boolean isSeparator() {
        byte[] b = line.size() >= 5 ? line.toByteArray() : null;
        return b != null && b[0] == 'F' && b[1] == 'r' && b[2] == 'o' && b[3] == 'm' && b[4] == ' ';
    }

    /** Reads the next line without LF/CRLF into {@code line} (capped); false at the end. */
    private boolean readLine() throws IOException {
        if (eof) {
            return false;
        }
        line.reset();
        int b;
        boolean any = false;
        while ((b = in.read()) >= 0) {
            any = true;
            if (b == '\n') {
                break;
            }
            if (line.size() < MessageHeaders.MAX_HEADER_BYTES) {
                line.write(b);
            }
        }
        if (b < 0) {
            eof = true;
            if (!any) {
                return false;
            }
        }
        byte[] bytes = line.toByteArray();
        if (bytes.length > 0 && bytes[bytes.length - 1] == '\r') {
            line.reset();
            line.write(bytes, 0, bytes.length - 1);
        }
        lineNumber++;
        return true;
    }
}
