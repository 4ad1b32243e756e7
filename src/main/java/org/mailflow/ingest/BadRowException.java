package org.mailflow.ingest;

import org.mailflow.model.UserText;

/**
 * One row that breaks its format; the reason says what was expected, translated where it is shown.
 * Built only for a bad row, never on the way of a good one.
 */
final class BadRowException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient UserText reason;

    BadRowException(UserText reason) {
        super(null, null, false, false);
        this.reason = reason;
    }

    UserText reason() {
        return reason;
    }

    /** The reason in the environment's language. */
    @Override
    public String getMessage() {
        return reason.toString();
    }
}
