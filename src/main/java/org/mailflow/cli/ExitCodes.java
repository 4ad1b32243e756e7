package org.mailflow.cli;

/** The command line's exit codes (SPEC 7). */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int USAGE = 2;
    public static final int BAD_INPUT = 3;
    public static final int CACHE = 4;

    private ExitCodes() {
    }
}
