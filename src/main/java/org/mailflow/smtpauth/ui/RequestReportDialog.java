package org.mailflow.smtpauth.ui;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.scene.Node;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.mailflow.ui.DateConverters;
import org.mailflow.ui.I18n;
import org.mailflow.ui.export.Exports;
import org.mailflow.ui.DateConverters;
import org.mailflow.ui.I18n;
import org.mailflow.model.DayWindow;

/**
 * "Request report": a date range (the report's current dates to start with) and where to save the
 * detailed report (SPEC 2.4): the Downloads folder under a new name, or a file the user picks. The
 * report is written by the app's export feature ({@link Exports}): in the background, with its progress
 * and Cancel in the status bar, ending with a notification.
 */
public final class RequestReportDialog {
    private RequestReportDialog() {
    }

    public static void show(Window owner, I18n i18n, SmtpAuthViewModel model, Exports exports) {
        Dialog<ButtonType> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle(i18n.get("smtp.report.title"));
        d.setHeaderText(i18n.get("smtp.report.header"));
        DatePicker from = new DatePicker(model.fromProperty().get());
        DatePicker to = new DatePicker(model.toProperty().get());
        from.setId("reportFrom");
        to.setId("reportTo");
        from.setConverter(DateConverters.of(i18n, from::getValue));
        to.setConverter(DateConverters.of(i18n, to::getValue));
        Label problem = new Label();
        problem.setId("reportProblem");
        problem.getStyleClass().add("error-text");
        problem.textProperty().bind(Bindings.createStringBinding(() -> {
            if (from.getValue() == null || to.getValue() == null) {
                return i18n.get("smtp.filters.missingDate");
            }
            return to.getValue().isBefore(from.getValue()) ? i18n.get("smtp.filters.endBeforeStart") : "";
        }, from.valueProperty(), to.valueProperty()));
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        grid.addRow(0, new Label(i18n.get("smtp.filters.start")), from);
        grid.addRow(1, new Label(i18n.get("smtp.filters.end")), to);
        Label columns = new Label(i18n.get("smtp.report.columns"));
        columns.setWrapText(true);
        columns.getStyleClass().add("text-muted");
        VBox box = new VBox(10, grid, problem, columns);
        box.setPrefWidth(460);
        d.getDialogPane().setContent(box);
        ButtonType save = new ButtonType(i18n.get("smtp.report.save"), ButtonBar.ButtonData.OK_DONE);
        ButtonType saveAs = new ButtonType(i18n.get("bulk.exportAs"), ButtonBar.ButtonData.OTHER);
        d.getDialogPane().getButtonTypes().addAll(save, saveAs, ButtonType.CANCEL);
        BooleanBinding invalid = problem.textProperty().isNotEmpty();
        for (ButtonType t : new ButtonType[] {save, saveAs}) {
            Node b = d.getDialogPane().lookupButton(t);
            b.disableProperty().bind(invalid);
            b.setId(t == save ? "reportSaveButton" : "reportSaveAsButton");
        }
        d.setOnHidden(e -> {
            ButtonType r = d.getResult();
            if (r == null || r == ButtonType.CANCEL || from.getValue() == null || to.getValue() == null
                    || to.getValue().isBefore(from.getValue())) {
                return;
            }
            DayWindow window = new DayWindow(from.getValue(), to.getValue());
            if (r == save) {
                exports.toDownloads(model.reportExport(window));
            } else {
                exports.saveAs(owner, model.reportExport(window));
            }
        });
        d.show();
    }
}
