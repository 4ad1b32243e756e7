package org.mailflow.app.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import org.junit.jupiter.api.Test;
import org.mailflow.app.AppContext;
import org.mailflow.ui.CacheSession;
import org.mailflow.ui.I18n;
import org.mailflow.ui.Settings;
import org.mailflow.ui.TaskRunner;
import org.mailflow.cache.Cache;
import org.mailflow.cache.CacheLock;
import org.mailflow.cache.SmtpStore;

/** The import dialog while another program imports into the same cache: a visible wait, and Cancel works during it. */
class ImportWaitTest extends AppHomeTest {
    /** Runs work on a thread of its own, as the app does, and keeps the messages it shows. */
    private static final class ThreadRunner implements TaskRunner {
        final List<String> messages = new CopyOnWriteArrayList<>();

        @Override
        public <T> Handle run(String name, Work<T> work, Consumer<? super T> onSuccess, Consumer<Throwable> onFailure) {
            AtomicBoolean cancelled = new AtomicBoolean();
            ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(-1);
            Thread t = new Thread(() -> {
                T result;
                try {
                    result = work.call(new Progress() {
                        @Override
                        public void update(long done, long total) {
                        }

                        @Override
                        public void message(String text) {
                            messages.add(text);
                        }

                        @Override
                        public boolean isCancelled() {
                            return cancelled.get();
                        }
                    });
                } catch (Exception e) {
                    onFailure.accept(e);
                    return;
                }
                onSuccess.accept(result);
            }, name);
            t.start();
            return new Handle() {
                @Override
                public ReadOnlyDoubleProperty progressProperty() {
                    return progress.getReadOnlyProperty();
                }

                @Override
                public void cancel() {
                    cancelled.set(true);
                }
            };
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.currentTimeMillis() + 15_000;
        while (!condition.getAsBoolean() && System.currentTimeMillis() < end) {
            Thread.sleep(20);
        }
    }

    @Test
    void theDialogSaysItIsWaitingForAnotherImportAndCancelStopsTheWaitWithNothingChanged() throws Exception {
        Path csv = Files.writeString(home.resolve("smtp.csv"), "timestamp,sender,tls_version,client_ip,auth_method,count\n"
                + "2026-11-12 08:00:00,printer@contoso.example,TLSv1,10.0.0.5,PLAIN,7\n");
        Path file = home.resolve("mine.db");
        ThreadRunner runner = new ThreadRunner();
        try (Cache cache = Cache.open(file)) {
            AppContext context = new AppContext(Settings.inMemory(), new I18n(Locale.ENGLISH), runner, () -> home);
            context.sessionProperty().set(new CacheSession(cache, false));
            byte[] before = Files.readAllBytes(file);
            try (CacheLock another = CacheLock.acquire(file, CacheLock.Waiting.QUIETLY)) {
                ImportViewModel model = context.newImportViewModel();
                model.addFiles(List.of(csv));
                model.start();
                waitFor(() -> runner.messages.contains("Waiting for another import into this cache to finish…"));
                assertThat(runner.messages).containsExactly("Waiting for another import into this cache to finish…");
                assertThat(model.stateProperty().get()).isEqualTo(ImportViewModel.State.RUNNING);
                model.cancel();
                waitFor(() -> model.stateProperty().get() == ImportViewModel.State.FAILED);
                assertThat(model.stateProperty().get()).isEqualTo(ImportViewModel.State.FAILED);
                assertThat(model.errorProperty().get()).isEqualTo(new I18n(Locale.ENGLISH).get("error.cancelled"));
            }
            assertThat(Files.readAllBytes(file)).isEqualTo(before);
            assertThat(new SmtpStore(cache).totalSubmissions()).isZero();

            // the other import done, the same dialog imports at once
            ImportViewModel again = context.newImportViewModel();
            again.addFiles(List.of(csv));
            again.start();
            waitFor(() -> again.stateProperty().get() == ImportViewModel.State.DONE);
            assertThat(again.stateProperty().get()).isEqualTo(ImportViewModel.State.DONE);
            assertThat(new SmtpStore(cache).totalSubmissions()).isEqualTo(7);
        }
    }
}
