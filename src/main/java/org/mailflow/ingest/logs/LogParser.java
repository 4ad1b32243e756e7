package org.mailflow.ingest.logs;

import java.util.List;

/**
 * A streaming parser of one mail log, as the importer drives it: lines in file order, results to the
 * {@link LogSink} it was made with. Postfix and Exim both implement it, so that the importer has one
 * way of reading any log, and a new log variant is one parser to change.
 */
public interface LogParser {
    /**
     * Reads line {@code lineNumber}: its text, or what a byte reader made of it (only a parser that
     * offers one, such as {@link PostfixBytes} for {@link PostfixParser}). Every line of the file must
     * be given, in order.
     */
    void accept(long lineNumber, Object line);

    /** Gives the sink what the lines so far have completed. */
    void drain();

    /** Ends the file: what is still pending is given to the sink. */
    void finish();

    /** The counts so far. */
    LogStats stats();

    /**
     * Keeps as examples only the bad lines from {@code line} on (all are still counted): a log read
     * again to its old end, to rebuild its state, reports the bad lines of its new part.
     */
    void reportBadFrom(long line);

    /** The first bad lines, in file order (all are counted in {@link #stats()}). */
    List<BadLine> badExamples();
}
