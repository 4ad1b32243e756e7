package org.mailflow.ui;

/** Moves the main window to a page, and opens the import dialog. */
public interface Navigator {
    void show(Page page);

    /** Opens the import dialog; {@code format} forces a format token, or null to detect it. */
    void openImport(java.util.List<java.nio.file.Path> files, String format);
}
