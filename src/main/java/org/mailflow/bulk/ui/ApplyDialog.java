package org.mailflow.bulk.ui;

import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.mailflow.ui.I18n;
import org.mailflow.bulk.Policy;

/** Confirms that a policy's threshold was saved and shows the PowerShell line that applies it in Exchange Online. */
final class ApplyDialog {
    private ApplyDialog() {
    }

    static void show(Window owner, I18n i18n, Policy policy) {
        Alert a = new Alert(Alert.AlertType.INFORMATION, "", ButtonType.CLOSE);
        a.initOwner(owner);
        a.setTitle(i18n.get("bulk.applied.title"));
        a.setHeaderText(i18n.format("bulk.applied.header", policy.name(), policy.threshold()));
        TextField command = new TextField(policy.powerShell());
        command.setEditable(false);
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
        VBox box = new VBox(10, text, new HBox(8, command, copy));
        box.setPrefWidth(620);
        a.getDialogPane().setContent(box);
        a.show();
    }
}
