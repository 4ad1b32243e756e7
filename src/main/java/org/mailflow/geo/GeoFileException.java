package org.mailflow.geo;

import java.nio.file.Path;
import java.util.Objects;
import org.mailflow.model.UserText;

/**
 * A user's {@code .mmdb} file refused: missing, not a MaxMind DB (or damaged), of another kind than asked for, or
 * unreadable. {@link #userText()} is the whole message to translate where it is shown; {@link #messageKey()} and
 * {@link #messageArgs()} its sentence without the detail; {@link #getMessage()} is the text in the environment's
 * language (the command line, the log).
 */
public final class GeoFileException extends Exception implements UserText.Carrier {
    private static final long serialVersionUID = 1L;

    public enum Reason { MISSING, NOT_MMDB, WRONG_KIND, UNREADABLE }

    private final Reason reason;
    private final transient Path file;
    private final GeoKind expected;
    private final String actualType;
    private final String detail;

    GeoFileException(Reason reason, Path file, GeoKind expected, String actualType, String detail, Throwable cause) {
        super(text(reason, file, expected, actualType, detail).toString(), cause);
        this.reason = Objects.requireNonNull(reason);
        this.file = file;
        this.expected = expected;
        this.actualType = actualType == null ? "" : actualType;
        this.detail = detail;
    }

    @Override
    public UserText userText() {
        return text(reason, file, expected, actualType, detail);
    }

    public Reason reason() { return reason; }

    public Path file() { return file; }

    public GeoKind expected() { return expected; }

    /** The file's {@code database_type} when it could be read ({@code ""} otherwise). */
    public String actualType() { return actualType; }

    /**
     * The resource key of the sentence without its detail: {@code geo.file.missing}, {@code geo.file.notMmdb},
     * {@code geo.file.wrongKind} or {@code geo.file.unreadable}, whose arguments are {@link #messageArgs()}. The
     * whole message, detail and all, is {@link #userText()}.
     */
    public String messageKey() {
        return switch (reason) {
            case MISSING -> "geo.file.missing";
            case NOT_MMDB -> "geo.file.notMmdb";
            case WRONG_KIND -> "geo.file.wrongKind";
            case UNREADABLE -> "geo.file.unreadable";
        };
    }

    /**
     * For the message pattern: {0} the file, {1} the expected kind as MaxMind names it ("Country", "City", "ASN"),
     * {2} the file's type.
     */
    public Object[] messageArgs() {
        return new Object[] {String.valueOf(file), expected == null ? "" : expected.label(), actualType};
    }

    private static UserText kind(GeoKind expected) {
        return expected == null ? UserText.of("input.bad.plain", "")
                : UserText.of("geo.kind." + expected.name().toLowerCase(java.util.Locale.ROOT));
    }

    private static UserText text(Reason reason, Path file, GeoKind expected, String actualType, String detail) {
        String type = actualType == null ? "" : actualType;
        UserText sentence = switch (reason) {
            case MISSING -> UserText.of("geo.file.missing", String.valueOf(file));
            case NOT_MMDB -> UserText.of("geo.file.notMmdb", String.valueOf(file));
            case WRONG_KIND -> UserText.of("geo.file.wrongKind", String.valueOf(file), expected == null ? "" : expected.label(),
                    type.isEmpty() ? UserText.of("geo.file.otherKind") : UserText.of("geo.file.typed", type), kind(expected));
            case UNREADABLE -> UserText.of("geo.file.unreadable", String.valueOf(file));
        };
        return detail == null || detail.isBlank() ? sentence : UserText.of("geo.file.detail", sentence, detail);
    }
}
