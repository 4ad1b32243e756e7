package org.mailflow.ingest;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * How to import: a forced format ({@code --format}) or detection from the content; whether rows
 * that break their format are skipped and listed ({@code --skip-bad-rows}) instead of failing; and
 * the year of the first line of logs with classic syslog timestamps, which carry none ({@code --year};
 * empty = chosen from each file's modification time, SPEC 5).
 */
public record ImportOptions(Optional<ImportFormat> format, boolean skipBadRows, OptionalInt year) {
    public static final ImportOptions DEFAULT = new ImportOptions(Optional.empty(), false, OptionalInt.empty());

    /** Options without a year. */
    public ImportOptions(Optional<ImportFormat> format, boolean skipBadRows) {
        this(format, skipBadRows, OptionalInt.empty());
    }
}
