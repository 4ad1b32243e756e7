package org.mailflow.ui.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailflow.ui.I18n;
import org.mailflow.ui.LongOperations;
import org.mailflow.ui.TaskRunner;

/**
 * The export feature with a synchronous runner whose Cancel is pressed after the first progress
 * report: half-way through a long table, no file is left (neither the new name nor a temporary file),
 * a file being replaced keeps its old content, and the notification says nothing was saved.
 */
class ExportsTest {
    @TempDir
    Path dir;

    private final List<String> notes = new ArrayList<>();
    private final List<String> progress = new ArrayList<>();

    /** Runs at once; cancelled from the {@code cancelAfter}-th progress report on (0: never). */
    private TaskRunner runner(int cancelAfter) {
        return new TaskRunner() {
            @Override
            public <T> Handle run(String name, Work<T> work, Consumer<? super T> onSuccess, Consumer<Throwable> onFailure) {
                int[] reports = {0};
                T result;
                try {
                    result = work.call(new Progress() {
                        @Override
                        public void update(long done, long total) {
                            reports[0]++;
                            progress.add(done + "/" + total);
                        }

                        @Override
                        public void message(String text) {
                            progress.add(text);
                        }

                        @Override
                        public boolean isCancelled() {
                            return cancelAfter > 0 && reports[0] >= cancelAfter;
                        }
                    });
                } catch (Exception e) {
                    onFailure.accept(e);
                    return handle();
                }
                onSuccess.accept(result);
                return handle();
            }

            private Handle handle() {
                return new Handle() {
                    @Override
                    public ReadOnlyDoubleProperty progressProperty() {
                        return new ReadOnlyDoubleWrapper(0).getReadOnlyProperty();
                    }

                    @Override
                    public void cancel() {
                    }
                };
            }
        };
    }

    private Exports exports(int cancelAfter) {
        return new Exports(runner(cancelAfter), () -> new I18n(Locale.ENGLISH), () -> dir,
                () -> (title, text) -> notes.add(title + ": " + text), new LongOperations());
    }

    /** 10 000 lines and a header. */
    private static ExportJob longTable() {
        return new ExportJob("Long table", 10_001, w -> {
            w.write("Sender address,Messages\r\n");
            for (int i = 0; i < 10_000; i++) {
                w.write("sender" + i + "@example.com," + i + "\r\n");
            }
        });
    }

    private List<String> files() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aWholeExportReportsItsProgressInLinesAndIsAnnounced() throws Exception {
        Exports e = exports(0);
        e.toDownloads(longTable());
        assertThat(files()).containsExactly("Long table.csv");
        assertThat(Files.readAllLines(dir.resolve("Long table.csv"))).hasSize(10_001);
        assertThat(progress).contains("2000/10001", "Saving Long table.csv: 2,000 rows written", "10000/10001");
        assertThat(notes).containsExactly("Export saved: " + dir.resolve("Long table.csv"));
        assertThat(e.lastWrittenProperty().get()).isEqualTo(dir.resolve("Long table.csv"));
        assertThat(e.runningProperty().get()).isFalse();
    }

    @Test
    void cancelHalfWayLeavesNoFileInDownloads() throws Exception {
        exports(2).toDownloads(longTable());
        assertThat(files()).isEmpty();
        assertThat(notes).containsExactly("Export cancelled: Nothing was saved: Long table.csv was not written.");
    }

    @Test
    void cancelHalfWayKeepsTheFileBeingReplaced() throws Exception {
        Path mine = dir.resolve("mine.csv");
        Files.writeString(mine, "my earlier export\n");
        Exports e = exports(1);
        e.toFile(longTable(), mine);
        assertThat(Files.readString(mine)).isEqualTo("my earlier export\n");
        assertThat(files()).containsExactly("mine.csv");
        assertThat(e.lastWrittenProperty().get()).isNull();
    }

    @Test
    void anUnsizedExportCountsItsRowsWithoutATotal() throws Exception {
        exports(0).toDownloads(ExportJob.unsized("Report", longTable().content()));
        assertThat(progress).contains("-1/1", "Saving Report.csv: 10,000 rows written");
    }

    @Test
    void saveAsStartsInDownloadsThenInTheFolderLastChosen() throws Exception {
        Exports e = exports(0);
        Path other = Files.createDirectory(dir.resolve("other"));
        List<String> asked = new ArrayList<>();
        e.usePicker((owner, name, folder) -> {
            asked.add(name + " in " + folder);
            return other.resolve("chosen.csv");
        });
        e.saveAs(null, longTable());
        e.saveAs(null, longTable());
        assertThat(asked).containsExactly("Long table.csv in " + dir, "Long table.csv in " + other);
        assertThat(other.resolve("chosen.csv")).exists();
        e.usePicker((owner, name, folder) -> null); // Cancel in the chooser
        notes.clear();
        e.saveAs(null, longTable());
        assertThat(notes).isEmpty();
    }
}
