package org.mailflow.ingest.logs;

/** Receives what a log parser finds. Called on the parser's thread, in no promised order. */
public interface LogSink {
    /** A submission, emitted once its envelope sender is known, or when its queue entry is flushed. */
    void submission(LogSubmission submission);

    /** A failed authentication. */
    void authFailure(LogAuthFailure failure);
}
