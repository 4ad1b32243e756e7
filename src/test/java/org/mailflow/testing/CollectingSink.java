package org.mailflow.testing;

import java.util.ArrayList;
import java.util.List;
import org.mailflow.ingest.logs.LogAuthFailure;
import org.mailflow.ingest.logs.LogSink;
import org.mailflow.ingest.logs.LogSubmission;

/** A log parser's sink that keeps what it is given, in order, for tests. */
public final class CollectingSink implements LogSink {
    public final List<LogSubmission> submissions = new ArrayList<>();
    public final List<LogAuthFailure> failures = new ArrayList<>();

    @Override
    public void submission(LogSubmission s) {
        submissions.add(s);
    }

    @Override
    public void authFailure(LogAuthFailure f) {
        failures.add(f);
    }
}
