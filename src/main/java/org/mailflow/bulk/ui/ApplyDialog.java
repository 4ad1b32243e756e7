package org.mailflow.bulk.ui;

import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.mailflow.ui.I18n;
import org.mailflow.bulk.Policy;

/** Confirms that a policy's threshold was saved and shows the PowerShell line that applies it in Exchange Online. */
final class ApplyDialog {
    private ApplyDialog() {
    }

    /** Shows the dialog; {@code afterwards} runs once it is closed (the notification with Undo then follows it). */
    static void show(Window owner, I18n i18n, Policy policy, Runnable afterwards) {
        Alert a = new Alert(Alert.AlertType.INFORMATION, "", ButtonType.CLOSE);
        a.initOwner(owner);
        a.setTitle(i18n.get("bulk.applied.title"));
        a.setHeaderText(i18n.format("bulk.applied.header", policy.name(), policy.threshold()));
        // A wrapping, read-only text area rather than a one-line field: a long policy name must never
        // cut the line the user copies (issue 14); it stays selectable.
        TextArea command = new TextArea(policy.powerShell());
        command.setEditable(false);
        command.setWrapText(true);
        command.setPrefRowCount(Math.max(2, Math.min(6, policy.powerShell().length() / 60 + 1)));
        command.setId("powerShellField");
        command.getStyleClass().add("monospace");
        HBox.setHgrow(command, Priority.ALWAYS);
        Button copy = new Button(i18n.get("bulk.applied.copy"));
        copy.setId("copyCommandButton");
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(policy.powerShell());
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
            copy.setText(i18n.get("bulk.applied.copied"));
        });
        Label text = new Label(i18n.get("bulk.applied.text"));
        text.setWrapText(true);
        HBox line = new HBox(8, command, copy);
        line.setAlignment(javafx.geometry.Pos.TOP_LEFT);
        copy.setMinWidth(Region.USE_PREF_SIZE);
        VBox box = new VBox(10, text, line);
        box.setPrefWidth(620);
        a.getDialogPane().setContent(box);
        a.setOnHidden(e -> afterwards.run());
        a.show();
    }
}
