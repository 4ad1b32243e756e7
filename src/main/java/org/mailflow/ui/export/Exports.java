package org.mailflow.ui.export;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.mailflow.ui.ErrorMessages;
import org.mailflow.ui.I18n;
import org.mailflow.ui.LongOperations;
import org.mailflow.ui.Notifier;
import org.mailflow.ui.TaskRunner;
import org.mailflow.export.ExportFiles;

/**
 * The one export feature of the app: the Export and Export as… buttons of Bulk sender insights and
 * SMTP AUTH, Request report, and File ▸ Export all come here with an {@link ExportJob} their page
 * describes. It holds the export state (the folder Export as… starts in, the last file written,
 * whether an export runs), writes in the background through {@link ExportFiles} (Export: a new name
 * in Downloads; Export as…: the chosen file, replaced only once complete), shows the progress in the
 * status bar with Cancel ({@link LongOperations}), and ends with a notification: Open file and Show
 * in folder when written ({@link Notifier#fileWritten}), "nothing was saved" when cancelled, the
 * reason when it failed. A cancelled or failed export leaves no file: both writes go to a temporary
 * file first, deleted on the way out.
 */
public final class Exports {
    /** Answers Export as… instead of a file chooser (tests): the file chosen, or null for Cancel. */
    @FunctionalInterface
    public interface SavePicker {
        Path pick(Window owner, String suggestedName, Path folder);
    }

    private final TaskRunner runner;
    private final Supplier<I18n> i18n;
    private final Supplier<Path> downloads;
    private final Supplier<Notifier> notifier;
    private final LongOperations operations;
    private final ReadOnlyObjectWrapper<Path> folder = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Path> lastWritten = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    /** Exports under way (File ▸ Export can start one while a page's runs). */
    private int underWay;
    private SavePicker picker;

    public Exports(TaskRunner runner, Supplier<I18n> i18n, Supplier<Path> downloads, Supplier<Notifier> notifier,
            LongOperations operations) {
        this.runner = runner;
        this.i18n = i18n;
        this.downloads = downloads;
        this.notifier = notifier;
        this.operations = operations;
    }

    /** Export: {@code job} to the Downloads folder under a name that replaces nothing ({@code Name (1).csv}). */
    public void toDownloads(ExportJob job) {
        write(job, null);
    }

    /** {@code job} to {@code file}, which it replaces once the new content is complete. */
    public void toFile(ExportJob job, Path file) {
        write(job, file);
    }

    /**
     * Export as…: asks where, starting in the folder of the last Export as… (else Downloads) with the
     * job's name suggested, then writes there. Cancel in the chooser does nothing.
     */
    public void saveAs(Window owner, ExportJob job) {
        chooseFile(owner, job.baseName()).ifPresent(file -> toFile(job, file));
    }

    /** The file the user picks for {@code baseName}, remembering its folder for the next time; empty on Cancel. */
    public Optional<Path> chooseFile(Window owner, String baseName) {
        String suggested = baseName + ".csv";
        Path start = folder();
        Path chosen;
        if (picker != null) {
            chosen = picker.pick(owner, suggested, start);
        } else {
            FileChooser chooser = new FileChooser();
            chooser.setInitialFileName(suggested);
            if (start != null && start.toFile().isDirectory()) {
                chooser.setInitialDirectory(start.toFile());
            }
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(i18n.get().get("import.filter.csv"), "*.csv"));
            File f = chooser.showSaveDialog(owner);
            chosen = f == null ? null : f.toPath();
        }
        if (chosen != null && chosen.toAbsolutePath().getParent() != null) {
            folder.set(chosen.toAbsolutePath().getParent());
        }
        return Optional.ofNullable(chosen);
    }

    private void write(ExportJob job, Path file) {
        I18n texts = i18n.get();
        Path into = file == null ? downloads.get() : null;
        String shownName = file == null ? job.baseName() + ".csv" : String.valueOf(file.getFileName());
        underWay++;
        running.set(true);
        boolean[] ended = {false};
        LongOperations.Running[] shown = {null};
        Runnable end = () -> {
            ended[0] = true;
            underWay--;
            running.set(underWay > 0);
            if (shown[0] != null) {
                operations.finished(shown[0]);
            }
        };
        TaskRunner.Handle handle = runner.run("export " + job.baseName(), p -> {
            ExportFiles.Content counted = out -> {
                ProgressWriter w = new ProgressWriter(out, p, job.lines(), n -> texts.format("export.progress.rows", shownName, texts.number(n)));
                job.content().writeTo(w);
                w.flush();
            };
            if (file == null) {
                return ExportFiles.writeNew(into, job.baseName(), counted);
            }
            ExportFiles.write(file, counted);
            return file;
        }, path -> {
            end.run();
            lastWritten.set(null); // the same path twice is still news
            lastWritten.set(path);
            notifier.get().fileWritten(texts.get("bulk.exported.title"), path);
        }, e -> {
            end.run();
            if (ExportCancelledException.isCancel(e)) {
                notifier.get().info(texts.get("export.cancelled.title"), texts.format("export.cancelled.text", shownName));
            } else {
                notifier.get().info(texts.get("export.failed.title"), ErrorMessages.of(e, texts));
            }
        });
        if (!ended[0]) {
            shown[0] = operations.started(texts.format("export.running", shownName), handle);
        }
    }

    /** Where Export as… starts: the folder of the last file chosen there, else Downloads. */
    public Path folder() {
        return folder.get() != null ? folder.get() : downloads.get();
    }

    public ReadOnlyObjectProperty<Path> folderProperty() {
        return folder.getReadOnlyProperty();
    }

    /** The last file an export wrote (set again for the same path). */
    public ReadOnlyObjectProperty<Path> lastWrittenProperty() {
        return lastWritten.getReadOnlyProperty();
    }

    /** True while an export is written; the export buttons wait meanwhile. */
    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** Export as… asks {@code picker} instead of a file chooser (tests); null for the chooser. */
    public void usePicker(SavePicker picker) {
        this.picker = picker;
    }
}
