package org.mailflow.ui;

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

    /**
     * Asks before something that cannot be taken back (deleting a policy); true when the user chose
     * {@code okText}. Cancel is the default button, so Enter (like Escape) keeps everything as it was.
     */
    public static boolean confirm(Window owner, String title, String message, String okText) {
        Alert a = alert(Alert.AlertType.CONFIRMATION, owner, title, message);
        ButtonType ok = new ButtonType(okText, javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        a.getButtonTypes().setAll(ok, ButtonType.CANCEL);
        cancelIsDefault(a.getDialogPane(), ok);
        return a.showAndWait().filter(b -> b == ok).isPresent();
    }

    /**
     * Makes Cancel the default button of a dialog whose {@code destructive} button deletes or
     * overwrites, and gives Cancel the focus, so that Enter never confirms by accident.
     */
    public static void cancelIsDefault(javafx.scene.control.DialogPane pane, ButtonType destructive) {
        if (pane.lookupButton(destructive) instanceof javafx.scene.control.Button d) {
            d.setDefaultButton(false);
            d.getStyleClass().add("danger");
        }
        if (pane.lookupButton(ButtonType.CANCEL) instanceof javafx.scene.control.Button cancel) {
            cancel.setDefaultButton(true);
            cancel.setId("cancelDialogButton");
            javafx.application.Platform.runLater(cancel::requestFocus);
        }
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
