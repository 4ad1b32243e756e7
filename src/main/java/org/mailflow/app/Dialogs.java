package org.mailflow.app;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.stage.Window;

/** Modal messages: a title and one clear paragraph, never a stack trace. */
public final class Dialogs {
    private Dialogs() {
    }

    public static void error(Window owner, String title, String message) {
        show(Alert.AlertType.ERROR, owner, title, message);
    }

    public static void info(Window owner, String title, String message) {
        show(Alert.AlertType.INFORMATION, owner, title, message);
    }

    /** True when the user chose OK. */
    public static boolean confirm(Window owner, String title, String message, String okText) {
        Alert a = alert(Alert.AlertType.CONFIRMATION, owner, title, message);
        ButtonType ok = new ButtonType(okText, javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        a.getButtonTypes().setAll(ok, ButtonType.CANCEL);
        return a.showAndWait().filter(b -> b == ok).isPresent();
    }

    private static void show(Alert.AlertType type, Window owner, String title, String message) {
        alert(type, owner, title, message).showAndWait();
    }

    private static Alert alert(Alert.AlertType type, Window owner, String title, String message) {
        Alert a = new Alert(type);
        if (owner != null) {
            a.initOwner(owner);
        }
        a.setTitle(title);
        a.setHeaderText(null);
        Label text = new Label(message);
        text.setWrapText(true);
        text.setMaxWidth(560);
        text.setId("dialog-message");
        a.getDialogPane().setContent(text);
        a.getDialogPane().setMinWidth(480);
        a.setResizable(true);
        return a;
    }
}
