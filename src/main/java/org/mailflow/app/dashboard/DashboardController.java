package org.mailflow.app.dashboard;

import java.util.List;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.mailflow.app.Navigator;
import org.mailflow.app.Page;

/** Wires the Dashboard's cards to their view model and to navigation. */
public final class DashboardController {
    private final DashboardViewModel model;
    private final Navigator navigator;

    @FXML private VBox bulkFigures;
    @FXML private VBox bulkEmpty;
    @FXML private Label bulkMessages;
    @FXML private Label bulkSenders;
    @FXML private Label bulkIdentified;
    @FXML private Label bulkWindow;
    @FXML private Label dashboardError;
    @FXML private javafx.scene.chart.StackedBarChart<String, Number> bulkChart;

    public DashboardController(DashboardViewModel model, Navigator navigator) {
        this.model = model;
        this.navigator = navigator;
    }

    @FXML
    private void initialize() {
        bulkMessages.textProperty().bind(model.bulkMessagesProperty());
        bulkSenders.textProperty().bind(model.bulkSendersProperty());
        bulkIdentified.textProperty().bind(model.bulkIdentifiedProperty());
        bulkWindow.textProperty().bind(model.bulkWindowProperty());
        bulkFigures.visibleProperty().bind(model.hasBulkDataProperty());
        bulkFigures.managedProperty().bind(model.hasBulkDataProperty());
        bulkEmpty.visibleProperty().bind(model.hasBulkDataProperty().not().and(model.loadingProperty().not()));
        bulkEmpty.managedProperty().bind(bulkEmpty.visibleProperty());
        setUpChart();
        dashboardError.textProperty().bind(model.errorProperty());
        dashboardError.visibleProperty().bind(model.errorProperty().isNotEmpty());
        dashboardError.managedProperty().bind(dashboardError.visibleProperty());
    }

    /** BCL 1-9 at the Default threshold: delivered below it, identified at or above it. */
    private void setUpChart() {
        javafx.scene.chart.XYChart.Series<String, Number> delivered = new javafx.scene.chart.XYChart.Series<>();
        javafx.scene.chart.XYChart.Series<String, Number> identified = new javafx.scene.chart.XYChart.Series<>();
        for (int b = 1; b <= 9; b++) {
            delivered.getData().add(new javafx.scene.chart.XYChart.Data<>(Integer.toString(b), 0));
            identified.getData().add(new javafx.scene.chart.XYChart.Data<>(Integer.toString(b), 0));
        }
        bulkChart.getData().setAll(List.of(delivered, identified));
        model.barsProperty().addListener((obs, old, bars) -> {
            for (int b = 1; b <= 9; b++) {
                delivered.getData().get(b - 1).setYValue(bars.delivered()[b]);
                identified.getData().get(b - 1).setYValue(bars.identified()[b]);
            }
        });
    }

    @FXML
    private void onViewBulk() {
        navigator.show(Page.BULK);
    }

    @FXML
    private void onImport() {
        navigator.openImport(List.of(), null);
    }
}
