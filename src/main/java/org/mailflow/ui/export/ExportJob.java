package org.mailflow.ui.export;

import org.mailflow.export.ExportFiles;

/**
 * One export as a page describes it: the file name it suggests (without {@code .csv}), how many
 * lines it will write (the header included; -1 when not known before, as for the detailed report),
 * and the content, a snapshot taken on the FX thread that a worker writes.
 */
public record ExportJob(String baseName, long lines, ExportFiles.Content content) {
    /** A job whose number of lines is not known before it is written. */
    public static ExportJob unsized(String baseName, ExportFiles.Content content) {
        return new ExportJob(baseName, -1, content);
    }
}
