package org.mailflow.log;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * One line per record, then the stack trace if any:
 * {@code 2026-12-03T22:01:02.123Z WARNING [mailflow-worker-1] org.mailflow.ui.FxTaskRunner: status failed}.
 * Times in UTC, so that lines of the app and of a scheduled import compare at a glance.
 */
final class LineFormatter extends Formatter {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    @Override
    public String format(LogRecord r) {
        StringBuilder b = new StringBuilder(160);
        b.append(TIME.format(Instant.ofEpochMilli(r.getMillis()))).append(' ').append(r.getLevel().getName())
                .append(" [").append(threadName(r)).append("] ").append(r.getLoggerName()).append(": ")
                .append(formatMessage(r)).append(System.lineSeparator());
        if (r.getThrown() != null) {
            StringWriter trace = new StringWriter();
            r.getThrown().printStackTrace(new PrintWriter(trace));
            b.append(trace);
        }
        return b.toString();
    }

    /** The current thread's name when it logged (records carry only an id). */
    private static String threadName(LogRecord r) {
        return Thread.currentThread().getId() == r.getLongThreadID() ? Thread.currentThread().getName() : "thread " + r.getLongThreadID();
    }
}
