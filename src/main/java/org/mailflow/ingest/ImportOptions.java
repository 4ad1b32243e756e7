package org.mailflow.ingest;

import java.util.Optional;

/**
 * How to import: a forced format ({@code --format}) or detection from the header, and whether rows
 * that break their format are skipped and listed ({@code --skip-bad-rows}) instead of failing.
 */
public record ImportOptions(Optional<ImportFormat> format, boolean skipBadRows) {
    public static final ImportOptions DEFAULT = new ImportOptions(Optional.empty(), false);
}
