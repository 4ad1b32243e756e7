package org.mailflow.ingest.logs;

/** A relevant log line that could not be used (SPEC 5: skipped and reported with its line number). */
public record BadLine(long lineNumber, String reason) {
}
