package org.mailflow.app;

import org.mailflow.ui.I18n;

import org.mailflow.ui.Dialogs;

import org.mailflow.ui.DateConverters;

import java.time.LocalDate;
import javafx.scene.Node;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * File ▸ Prune…: pick a date, see exactly what would be deleted before it (counted in the
 * background), and confirm. Nothing is deleted without that confirmation (SPEC 2.3); Cancel is the
 * default button, so Enter or Escape closes the dialog without deleting.
 */
final class PruneDialog {
    private PruneDialog() {
    }

    static void show(Window owner, I18n i18n, MainWindowViewModel model, LocalDate initial) {
        Dialog<ButtonType> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle(i18n.get("prune.title"));
        d.setHeaderText(i18n.get("prune.header"));
        DatePicker before = new DatePicker(initial);
        before.setId("pruneBefore");
        before.setConverter(DateConverters.of(i18n, before::getValue));
        Label counts = new Label(i18n.get("prune.counting"));
        counts.setId("pruneCounts");
        counts.setWrapText(true);
        counts.setMaxWidth(460);
        ButtonType delete = new ButtonType(i18n.get("prune.confirm"), ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().addAll(delete, ButtonType.CANCEL);
        Node deleteButton = d.getDialogPane().lookupButton(delete);
        deleteButton.setId("pruneDeleteButton");
        Dialogs.cancelIsDefault(d.getDialogPane(), delete);
        deleteButton.setDisable(true);
        Runnable recount = () -> {
            deleteButton.setDisable(true);
            LocalDate day = before.getValue();
            if (day == null) {
                counts.setText("");
                return;
            }
            counts.setText(i18n.get("prune.counting"));
            model.countPrunable(day, p -> {
                if (!day.equals(before.getValue())) {
                    return; // the date moved on meanwhile
                }
                counts.setText(i18n.format("prune.counts", i18n.number(p.submissions()), i18n.number(p.authFailures()),
                        i18n.number(p.bulkMessages()), DateConverters.formatter(i18n).format(day)));
                deleteButton.setDisable(p.isEmpty());
            });
        };
        before.valueProperty().addListener((obs, old, v) -> recount.run());
        recount.run();
        HBox row = new HBox(10, new Label(i18n.get("prune.before")), before);
        row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        VBox box = new VBox(12, row, counts);
        box.setPrefWidth(480);
        d.getDialogPane().setContent(box);
        d.setOnHidden(e -> {
            if (d.getResult() == delete && before.getValue() != null) {
                model.prune(before.getValue());
            }
        });
        d.show();
    }
}
