package org.mailflow.ingest;

/** One row that breaks its format; the message says what was expected. */
final class BadRowException extends Exception {
    private static final long serialVersionUID = 1L;

    BadRowException(String reason) {
        super(reason, null, false, false);
    }
}
