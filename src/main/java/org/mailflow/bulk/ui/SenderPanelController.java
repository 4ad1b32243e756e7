package org.mailflow.bulk.ui;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import javafx.fxml.FXML;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import org.mailflow.ui.I18n;
import org.mailflow.bulk.AdminSetting;
import org.mailflow.bulk.QualityScore;
import org.mailflow.bulk.SenderDetails;

/** The sender panel beside the sender table: the SPEC 3.6 fields, messages per BCL and why the quality is what it is. */
public final class SenderPanelController {
    private final BulkInsightsViewModel model;
    private final I18n i18n;
    private final Map<SenderDetails.Field, Label> values = new EnumMap<>(SenderDetails.Field.class);
    private final XYChart.Series<String, Number> perBcl = new XYChart.Series<>();

    @FXML private Label senderTitle;
    @FXML private GridPane fieldsGrid;
    @FXML private BarChart<String, Number> perBclChart;
    @FXML private Label breakdownLabel;

    public SenderPanelController(BulkInsightsViewModel model, I18n i18n) {
        this.model = model;
        this.i18n = i18n;
    }

    @FXML
    private void initialize() {
        int row = 0;
        for (SenderDetails.Field f : SenderDetails.Field.values()) {
            if (f == SenderDetails.Field.SENDER) {
                continue; // the panel's heading
            }
            Label name = new Label(i18n.get("bulk.field." + f.name().toLowerCase(Locale.ROOT)));
            name.getStyleClass().add("field-name");
            name.setWrapText(true);
            Label value = new Label();
            value.setId("field-" + f.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            value.getStyleClass().add("field-value");
            fieldsGrid.addRow(row++, name, value);
            values.put(f, value);
        }
        for (int b = 0; b <= 9; b++) {
            perBcl.getData().add(new XYChart.Data<>(Integer.toString(b), 0));
        }
        perBclChart.getData().add(perBcl);
        model.detailsProperty().addListener((obs, old, d) -> show(d));
        show(model.detailsProperty().get());
    }

    private void show(SenderDetails d) {
        if (d == null) {
            return;
        }
        senderTitle.setText(d.address());
        values.forEach((field, label) -> label.setText(display(d, field)));
        long[] counts = d.messagesPerBcl();
        for (int b = 0; b <= 9; b++) {
            perBcl.getData().get(b).setYValue(counts[b]);
        }
        breakdownLabel.setText(breakdown(d.breakdown()));
    }

    private String display(SenderDetails d, SenderDetails.Field field) {
        if (SenderDetails.isNumeric(field)) {
            return i18n.number(d.number(field));
        }
        if (field == SenderDetails.Field.ADMIN_SETTING) {
            return i18n.get("bulk.admin." + d.dataset().admin(d.sender()).name().toLowerCase(Locale.ROOT));
        }
        return d.value(field);
    }

    private String breakdown(QualityScore.Breakdown b) {
        String formula = i18n.format("panel.breakdown.text", i18n.number(b.pos()), decimal(b.neg()), i18n.number(b.messages()),
                b.activeWeeks(), b.weeksInWindow(), decimal(b.f()), decimal(b.prior()), decimal(b.k()), decimal(b.raw()),
                b.formula());
        if (b.admin() != AdminSetting.NONE) {
            formula += "\n" + i18n.format("panel.breakdown.admin", i18n.get("bulk.admin." + b.admin().name().toLowerCase(Locale.ROOT)),
                    b.quality());
        }
        return formula;
    }

    private String decimal(double v) {
        return String.format(i18n.locale(), "%.2f", v);
    }

    @FXML
    private void onClose() {
        model.selectedProperty().set(null);
    }
}
