package org.mailflow.app.about;

import java.io.InputStream;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.ClipboardContent;
import javafx.stage.Stage;
import org.mailflow.ui.FolderOpener;
import org.mailflow.ui.I18n;

/** Wires the About dialog: the version, the selectable text, Copy and Close. */
public final class AboutController {
    private final AboutViewModel model;
    private final I18n i18n;
    private Stage stage;

    @FXML private ImageView aboutIcon;
    @FXML private Label aboutVersion;
    @FXML private TextArea aboutText;
    @FXML private Label copiedLabel;
    @FXML private Button closeButton;

    private final FolderOpener opener;
    @FXML private Button openLogButton;

    public AboutController(AboutViewModel model, I18n i18n) {
        this(model, i18n, FolderOpener.system());
    }

    public AboutController(AboutViewModel model, I18n i18n, FolderOpener opener) {
        this.model = model;
        this.i18n = i18n;
        this.opener = opener;
    }

    @FXML
    private void initialize() {
        aboutVersion.textProperty().bind(model.versionProperty());
        aboutText.textProperty().bind(model.textProperty());
        try (InputStream in = AboutController.class.getResourceAsStream("/icons/mailflow-64.png")) {
            if (in != null) {
                aboutIcon.setImage(new Image(in));
            }
        } catch (java.io.IOException e) {
            // no icon: the dialog reads the same without it
            org.slf4j.LoggerFactory.getLogger(AboutController.class).debug("no icon for About", e);
        }
        openLogButton.setDisable(model.logFolder() == null);
        model.load();
    }

    /** Called by whoever shows the dialog. */
    public void prepare(Stage dialog) {
        this.stage = dialog;
    }

    @FXML
    private void onCopy() {
        ClipboardContent content = new ClipboardContent();
        content.putString(model.textProperty().get());
        javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
        copiedLabel.setText(i18n.get("about.copied"));
    }

    /** Opens the log's folder in the file manager; says where it is when that fails. */
    @FXML
    private void onOpenLog() {
        java.nio.file.Path folder = model.logFolder();
        if (folder != null) {
            FolderOpener.openInBackground(opener, folder, e -> copiedLabel.setText(i18n.format("unexpected.openFailed", folder.toString())));
        }
    }

    @FXML
    private void onClose() {
        if (stage != null) {
            stage.close();
        }
    }
}
