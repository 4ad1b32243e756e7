package org.mailflow.ingest.logs;

/**
 * Line counts of a log parser after (or during) a parse: every line is counted once, as relevant
 * (it produced a result or fed the parser's state), irrelevant (passed over) or bad (relevant but
 * malformed, skipped and reported), so {@code lines = relevant + irrelevant + bad}. {@code submissions}
 * and {@code authFailures} count what was given to the sink.
 */
public record LogStats(long lines, long relevant, long irrelevant, long bad, long submissions, long authFailures) {
    /** What was counted since {@code earlier}, a snapshot of the same parse. */
    public LogStats since(LogStats earlier) {
        return new LogStats(lines - earlier.lines, relevant - earlier.relevant, irrelevant - earlier.irrelevant, bad - earlier.bad,
                submissions - earlier.submissions, authFailures - earlier.authFailures);
    }

    /** Nothing counted yet. */
    public static final LogStats NONE = new LogStats(0, 0, 0, 0, 0, 0);
}
