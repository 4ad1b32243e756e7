package org.mailflow.ui;

import java.nio.file.Path;
import javafx.stage.FileChooser;

/** The file choosers that pages and the main window share. */
public final class FileChoosers {
    private FileChoosers() {
    }

    /**
     * A Save dialog for a CSV export: {@code baseName}.csv in {@code folder} (the Downloads folder,
     * when it exists), filtered to {@code *.csv} under {@code csvLabel}.
     */
    public static FileChooser saveCsv(String baseName, Path folder, String csvLabel) {
        FileChooser chooser = new FileChooser();
        chooser.setInitialFileName(baseName + ".csv");
        if (folder != null && folder.toFile().isDirectory()) {
            chooser.setInitialDirectory(folder.toFile());
        }
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(csvLabel, "*.csv"));
        return chooser;
    }
}
