package org.mailflow.ui.export;

import java.io.IOException;
import java.io.Writer;
import org.mailflow.ui.TaskRunner;

/**
 * The writer an export's content writes through: it counts the lines written, reports them to the
 * task's progress every {@link #EVERY} lines (of {@code expected}, or as a count when the total is not
 * known), and throws {@link ExportCancelledException} at the next write once the task is cancelled.
 */
final class ProgressWriter extends Writer {
    /** Lines between two progress reports: often enough for a smooth bar, rarely enough to cost nothing. */
    static final int EVERY = 2_000;

    private final Writer out;
    private final TaskRunner.Progress progress;
    private final long expected;
    private final java.util.function.LongFunction<String> message;
    private long lines;
    private long reportAt = EVERY;

    ProgressWriter(Writer out, TaskRunner.Progress progress, long expected, java.util.function.LongFunction<String> message) {
        this.out = out;
        this.progress = progress;
        this.expected = expected;
        this.message = message;
    }

    private void check() throws ExportCancelledException {
        if (progress.isCancelled()) {
            throw new ExportCancelledException();
        }
    }

    private void count(long newLines) {
        lines += newLines;
        if (lines >= reportAt) {
            reportAt = lines + EVERY;
            progress.update(expected > 0 ? Math.min(lines, expected) : -1, expected > 0 ? expected : 1);
            progress.message(message.apply(lines));
        }
    }

    @Override
    public void write(char[] cbuf, int off, int len) throws IOException {
        check();
        out.write(cbuf, off, len);
        long n = 0;
        for (int i = off; i < off + len; i++) {
            if (cbuf[i] == '\n') {
                n++;
            }
        }
        count(n);
    }

    @Override
    public void write(String str, int off, int len) throws IOException {
        check();
        out.write(str, off, len);
        long n = 0;
        for (int i = off; i < off + len; i++) {
            if (str.charAt(i) == '\n') {
                n++;
            }
        }
        count(n);
    }

    @Override
    public void write(int c) throws IOException {
        check();
        out.write(c);
        if (c == '\n') {
            count(1);
        }
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    /** Closing is the file write's business ({@link org.mailflow.export.ExportFiles}), not the content's. */
    @Override
    public void close() throws IOException {
        out.flush();
    }

    long lines() {
        return lines;
    }
}
