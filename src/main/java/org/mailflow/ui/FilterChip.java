package org.mailflow.ui;

import org.mailflow.ui.I18n;

import javafx.beans.value.ObservableStringValue;
import javafx.scene.control.Button;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/**
 * The chip of a chart drill-down above a table ("Domain: contoso.com ✕"): shown while its view
 * model's text is not empty; a click, Space or Enter (it is a button) or Escape while it has the
 * focus clears the filter.
 */
public final class FilterChip {
    private FilterChip() {
    }

    public static Button of(String id, ObservableStringValue text, Runnable clear, I18n i18n) {
        Button chip = new Button();
        chip.setId(id);
        chip.textProperty().bind(text);
        Label x = new Label("\u2715");
        x.getStyleClass().add("filter-chip-x");
        chip.setGraphic(x);
        chip.setContentDisplay(ContentDisplay.RIGHT);
        chip.getStyleClass().add("filter-chip");
        chip.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        chip.setTooltip(new Tooltip(i18n.get("drill.clear")));
        chip.setAccessibleHelp(i18n.get("drill.clear"));
        chip.visibleProperty().bind(chip.textProperty().isNotEmpty());
        chip.managedProperty().bind(chip.visibleProperty());
        chip.setOnAction(e -> clear.run());
        chip.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                clear.run();
                e.consume();
            }
        });
        return chip;
    }
}
