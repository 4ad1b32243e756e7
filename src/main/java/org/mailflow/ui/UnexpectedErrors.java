package org.mailflow.ui;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.mailflow.log.AppLog;
import org.mailflow.model.BuildInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to an error nobody expected: an exception no code caught (any thread, the FX thread
 * included) or a background task's failure that is not one of the known ones
 * ({@link ErrorMessages#isExpected}). It is logged with its stack trace, and a dialog says in the
 * user's language what happened and what to do, with "Copy details" (the stack trace with the version,
 * Java and system, for a support ticket), "Open log folder" and Close: never a stack trace alone.
 *
 * <p>No flood: one dialog at a time; errors while it is open only count ("2 more errors happened…").
 * The same error (same kind, same place in the code) again within {@value #QUIET_SECONDS} seconds is
 * neither shown again nor logged again with its trace, only counted in the next line that is logged:
 * an error in a layout pass would otherwise repeat at every frame.
 */
public final class UnexpectedErrors {
    static final int QUIET_SECONDS = 10;
    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedErrors.class);

    private final Supplier<I18n> i18n;
    private final Supplier<Window> owner;
    private final FolderOpener opener;
    private final java.util.function.Consumer<String> clipboard;
    /** Per kind and place: when it was last logged, and how often it came again since. */
    private final Map<String, long[]> seen = new HashMap<>();
    private Alert showing;
    private Label note;
    private int more;

    public UnexpectedErrors(Supplier<I18n> i18n, Supplier<Window> owner, FolderOpener opener) {
        this(i18n, owner, opener, UnexpectedErrors::toSystemClipboard);
    }

    /** @param clipboard takes the details on the FX thread (tests: the headless toolkit keeps no clipboard) */
    UnexpectedErrors(Supplier<I18n> i18n, Supplier<Window> owner, FolderOpener opener, java.util.function.Consumer<String> clipboard) {
        this.i18n = i18n;
        this.owner = owner;
        this.opener = opener;
        this.clipboard = clipboard;
    }

    private static void toSystemClipboard(String text) {
        ClipboardContent c = new ClipboardContent();
        c.putString(text);
        Clipboard.getSystemClipboard().setContent(c);
    }

    /** Reports every uncaught exception, on any thread; call on the FX thread. */
    public void install() {
        Thread.setDefaultUncaughtExceptionHandler(this::uncaught);
        // The FX thread hands exceptions of event handlers to its own handler; this one is it.
        Thread.currentThread().setUncaughtExceptionHandler(this::uncaught);
    }

    /** An exception that no code caught: logged, then shown. */
    public void uncaught(Thread thread, Throwable e) {
        if (log("uncaught exception on thread " + thread.getName(), e)) {
            show(e, thread.getName());
        }
    }

    /** A background task's unexpected failure: logged, then shown. Any thread. */
    public void taskFailed(String task, Throwable e) {
        if (log("background task \"" + task + "\" failed unexpectedly", e)) {
            show(e, Thread.currentThread().getName());
        }
    }

    /** Logs {@code e} with its trace unless the same error was logged a moment ago; true when it should be shown. */
    private boolean log(String what, Throwable e) {
        String key = signature(e);
        long now = System.nanoTime();
        long repeats;
        synchronized (seen) {
            long[] last = seen.get(key);
            if (last != null && now - last[0] < QUIET_SECONDS * 1_000_000_000L) {
                last[1]++;
                return false;
            }
            repeats = last == null ? 0 : last[1];
            if (seen.size() > 200) {
                seen.clear(); // a session with that many different errors: forget the old ones rather than grow
            }
            seen.put(key, new long[] {now, 0});
        }
        LOG.error(repeats == 0 ? what : what + " (the same error happened " + repeats + " more times since it was last logged)", e);
        return true;
    }

    private static String signature(Throwable e) {
        StackTraceElement[] trace = e.getStackTrace();
        return e.getClass().getName() + (trace.length == 0 ? "" : "@" + trace[0]);
    }

    private void show(Throwable e, String thread) {
        String details = details(e, thread);
        try {
            if (Platform.isFxApplicationThread()) {
                showNow(e, details);
            } else {
                Platform.runLater(() -> showNow(e, details));
            }
        } catch (IllegalStateException toolkitGone) {
            LOG.debug("the error dialog cannot be shown: the toolkit is not running", toolkitGone);
        }
    }

    /**
     * The dialog, or one more in the count of the one open. {@code show()}, not {@code showAndWait()}:
     * an exception can come from a layout pass or an animation, where waiting is not allowed.
     */
    private void showNow(Throwable e, String details) {
        I18n t = i18n.get();
        if (showing != null && showing.isShowing()) {
            more++;
            note.setText(t.format("unexpected.more", more));
            return;
        }
        more = 0;
        Alert a = new Alert(Alert.AlertType.ERROR);
        Window w = owner.get();
        if (w != null && w.isShowing()) {
            a.initOwner(w);
        }
        a.setTitle(t.get("dialog.error.title"));
        a.setHeaderText(t.get("unexpected.header"));
        Label message = new Label(t.format("unexpected.message", e.getClass().getSimpleName()));
        message.setWrapText(true);
        message.setId("unexpectedMessage");
        AppLog.Status log = AppLog.status();
        Label where = new Label(log.writesFile() ? t.format("unexpected.logFile", log.file().toString())
                : log.folder() == null ? t.get("unexpected.noLog") : t.format("unexpected.logStopped", log.folder().toString(), t.text(log.problem())));
        where.setWrapText(true);
        where.setId("unexpectedLog");
        note = new Label();
        note.setWrapText(true);
        note.setId("unexpectedNote");
        VBox content = new VBox(10, message, where, note);
        // Wrapped labels report their one-line width as preferred; the pane would grow to it.
        content.setPrefWidth(540);
        for (Label l : new Label[] {message, where, note}) {
            l.setMaxWidth(540);
            l.setMinHeight(Label.USE_PREF_SIZE);
        }
        a.getDialogPane().setContent(content);
        a.getDialogPane().setId("unexpectedError");
        a.getDialogPane().setMinWidth(520);
        a.setResizable(true);

        ButtonType copy = new ButtonType(t.get("unexpected.copy"), ButtonBar.ButtonData.LEFT);
        ButtonType open = new ButtonType(t.get("unexpected.openLog"), ButtonBar.ButtonData.LEFT);
        ButtonType close = new ButtonType(t.get("about.close"), ButtonBar.ButtonData.CANCEL_CLOSE);
        a.getButtonTypes().setAll(copy, open, close);
        Node copyButton = a.getDialogPane().lookupButton(copy);
        copyButton.setId("copyDetailsButton");
        copyButton.addEventFilter(ActionEvent.ACTION, ev -> {
            ev.consume(); // the dialog stays open
            clipboard.accept(details);
            note.setText(t.get("unexpected.copied"));
        });
        Node openButton = a.getDialogPane().lookupButton(open);
        openButton.setId("openLogFolderButton");
        openButton.setDisable(log.folder() == null);
        openButton.addEventFilter(ActionEvent.ACTION, ev -> {
            ev.consume();
            Path folder = log.folder();
            Label target = note;
            FolderOpener.openInBackground(opener, folder, failure -> target.setText(t.format("unexpected.openFailed", folder.toString())));
        });
        a.getDialogPane().lookupButton(close).setId("closeErrorButton");
        showing = a;
        a.show();
    }

    /** What "Copy details" copies: the version, Java, JavaFX and system, then the stack trace. */
    static String details(Throwable e, String thread) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        return "Mailflow Insights " + BuildInfo.version() + (BuildInfo.buildDate().isEmpty() ? "" : " (built " + BuildInfo.buildDate() + ")")
                + "\nJava " + BuildInfo.javaRuntime()
                + "\nJavaFX " + System.getProperty("javafx.runtime.version", "?")
                + "\n" + System.getProperty("os.name") + " " + System.getProperty("os.version") + " (" + System.getProperty("os.arch") + ")"
                + "\nThread " + thread + ", " + Instant.now().truncatedTo(ChronoUnit.SECONDS)
                + "\n\n" + trace;
    }
}
