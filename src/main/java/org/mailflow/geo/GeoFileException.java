package org.mailflow.geo;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A user's {@code .mmdb} file refused: missing, not a MaxMind DB (or damaged), of another kind than asked for, or
 * unreadable. {@link #messageKey()} and {@link #messageArgs()} let the UI translate it; {@link #getMessage()} is
 * the English text.
 */
public final class GeoFileException extends Exception {
    private static final long serialVersionUID = 1L;

    public enum Reason { MISSING, NOT_MMDB, WRONG_KIND, UNREADABLE }

    private final Reason reason;
    private final transient Path file;
    private final GeoKind expected;
    private final String actualType;

    GeoFileException(Reason reason, Path file, GeoKind expected, String actualType, String detail, Throwable cause) {
        super(english(reason, file, expected, actualType, detail), cause);
        this.reason = Objects.requireNonNull(reason);
        this.file = file;
        this.expected = expected;
        this.actualType = actualType == null ? "" : actualType;
    }

    public Reason reason() { return reason; }

    public Path file() { return file; }

    public GeoKind expected() { return expected; }

    /** The file's {@code database_type} when it could be read ({@code ""} otherwise). */
    public String actualType() { return actualType; }

    /**
     * The resource key of the message: {@code geo.file.missing}, {@code geo.file.notMmdb},
     * {@code geo.file.wrongKind} or {@code geo.file.unreadable}.
     */
    public String messageKey() {
        return switch (reason) {
            case MISSING -> "geo.file.missing";
            case NOT_MMDB -> "geo.file.notMmdb";
            case WRONG_KIND -> "geo.file.wrongKind";
            case UNREADABLE -> "geo.file.unreadable";
        };
    }

    /** For the message pattern: {0} the file, {1} the expected kind ("Country", "City", "ASN"), {2} the file's type. */
    public Object[] messageArgs() {
        return new Object[] {String.valueOf(file), expected == null ? "" : expected.label(), actualType};
    }

    private static String english(Reason reason, Path file, GeoKind expected, String actualType, String detail) {
        String kind = expected == null ? "" : expected.label();
        String text = switch (reason) {
            case MISSING -> "The file " + file + " does not exist.";
            case NOT_MMDB -> "The file " + file + " is not a MaxMind DB (.mmdb) file or is damaged.";
            case WRONG_KIND -> "The file " + file + " is a " + (actualType == null || actualType.isEmpty()
                    ? "database of another kind" : "\"" + actualType + "\" database") + ", not a " + kind
                    + " database.";
            case UNREADABLE -> "The file " + file + " cannot be read.";
        };
        return detail == null || detail.isBlank() ? text : text + " (" + detail + ")";
    }
}
