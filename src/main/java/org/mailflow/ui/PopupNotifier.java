package org.mailflow.ui;

import org.mailflow.ui.I18n;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.PopupWindow;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;
import org.controlsfx.control.action.Action;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The main window's notifications: ControlsFX {@link Notifications} in the lower right corner of the
 * main window (its owner), with buttons for their actions: Undo after Apply new threshold, <b>Open
 * file</b> and <b>Show in folder</b> after an export. One is shown at a time (a new one replaces the
 * one shown); a click on it, or its close button, hides it; it goes by itself after 8 s, or 15 s when it
 * has buttons, long enough to reach them.
 *
 * <p>ControlsFX shows each notification in a {@link javafx.stage.Popup} of the owner window. This
 * works on Monocle's headless glass as on a desktop, so the TestFX tests click the real buttons. To
 * make it reachable and styled like the rest of the app, the bar gets the id {@code toast}, its text
 * the style class {@code toast-text}, and its buttons ids ({@code toastAction} for Undo,
 * {@code openFileAction}, {@code showInFolderAction}); its colours come from the theme through
 * {@code app.css} (light) and {@code dark.css} (dark), since the popup's scene takes the owner
 * scene's style sheets.
 */
public final class PopupNotifier implements Notifier {
    private static final Logger LOG = LoggerFactory.getLogger(PopupNotifier.class);
    private static final Duration SHORT = Duration.seconds(8);
    private static final Duration WITH_ACTIONS = Duration.seconds(15);

    private final Supplier<Window> owner;
    private final Supplier<I18n> i18n;
    private final Supplier<FileOpener> opener;

    public PopupNotifier(Supplier<Window> owner, Supplier<I18n> i18n, Supplier<FileOpener> opener) {
        this.owner = owner;
        this.i18n = i18n;
        this.opener = opener;
    }

    @Override
    public void info(String title, String text) {
        show(title, text, List.of());
    }

    @Override
    public void undoable(String title, String text, String actionText, Runnable action) {
        show(title, text, List.of(new Named("toastAction", actionText, action)));
    }

    /** The path, with Open file and Show in folder; when the system cannot do either, a message says where the file is. */
    @Override
    public void fileWritten(String title, Path file) {
        I18n texts = i18n.get();
        show(title, file.toString(), List.of(
                new Named("openFileAction", texts.get("export.openFile"),
                        () -> FileOpener.inBackground(opener.get(), FileOpener::openFile, file, e -> cannotOpen(file))),
                new Named("showInFolderAction", texts.get("export.showInFolder"),
                        () -> FileOpener.inBackground(opener.get(), FileOpener::showInFolder, file, e -> cannotOpen(file)))));
    }

    private void cannotOpen(Path file) {
        I18n texts = i18n.get();
        info(texts.get("export.cannotOpen.title"), texts.format("export.cannotOpen.text", file));
    }

    /** An action's button: its id, its text and what it does (once; the notification then hides). */
    private record Named(String id, String text, Runnable run) {
    }

    private void show(String title, String text, List<Named> actions) {
        Window window = owner.get();
        if (window == null || !window.isShowing()) {
            LOG.info("notification without a window: {}: {}", title, text);
            return;
        }
        hideShown(window);
        List<Action> controls = new ArrayList<>();
        boolean[] used = {false};
        for (Named a : actions) {
            controls.add(new Action(a.text(), e -> {
                if (!used[0]) {
                    used[0] = true;
                    hideShown(window);
                    a.run().run();
                }
            }));
        }
        Notifications n = Notifications.create().title(title).text(text).owner(window).position(Pos.BOTTOM_RIGHT)
                .hideAfter(actions.isEmpty() ? SHORT : WITH_ACTIONS)
                .onAction(e -> { }); // a click on the notification hides it
        if (!controls.isEmpty()) {
            n.action(controls.toArray(Action[]::new));
        }
        n.show();
        tag(window, title, actions);
    }

    /** Gives the bar just shown, its text and its buttons the ids the class comment names. */
    private static void tag(Window window, String title, List<Named> actions) {
        for (Node bar : bars(window)) {
            if (bar.getId() != null) {
                continue; // one shown before
            }
            bar.setId("toast");
            for (Node n : bar.lookupAll(".label")) {
                if (n instanceof Label l && !(l.getParent() instanceof Button)) {
                    l.getStyleClass().add(l.getStyleClass().contains("title") ? "toast-title" : "toast-text");
                    l.setWrapText(true);
                    l.setMaxWidth(440);
                }
            }
            for (Node n : bar.lookupAll(".button")) {
                if (n instanceof Button b) {
                    actions.stream().filter(a -> a.text().equals(b.getText())).findFirst().ifPresent(a -> b.setId(a.id()));
                }
            }
        }
    }

    /** Hides the notifications shown over {@code window}: one at a time, the newest. */
    private static void hideShown(Window window) {
        for (Window w : new ArrayList<>(Window.getWindows())) {
            if (w instanceof PopupWindow p && p.getOwnerWindow() == window && w.getScene() != null
                    && w.getScene().getRoot().lookup(".notification-bar") != null) {
                p.hide();
            }
        }
    }

    private static List<Node> bars(Window window) {
        List<Node> out = new ArrayList<>();
        for (Window w : Window.getWindows()) {
            if (w instanceof PopupWindow p && p.getOwnerWindow() == window && w.getScene() != null) {
                Node bar = w.getScene().getRoot().lookup(".notification-bar");
                if (bar != null) {
                    out.add(bar);
                }
            }
        }
        return out;
    }
}
