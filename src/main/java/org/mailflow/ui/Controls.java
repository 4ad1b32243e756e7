package org.mailflow.ui;

import atlantafx.base.controls.CustomTextField;
import java.util.function.Function;
import javafx.scene.control.Button;
import javafx.util.StringConverter;

/** Small control set-ups that several pages share. */
public final class Controls {
    private Controls() {
    }

    /** Puts a ✕ button ({@code #clearSearchButton}) at the right of a search field, shown while it holds text. */
    public static void addClearButton(CustomTextField field) {
        Button clear = new Button("\u2715");
        clear.setId("clearSearchButton");
        clear.getStyleClass().addAll("flat", "small");
        clear.setFocusTraversable(false);
        clear.setOnAction(e -> field.clear());
        clear.visibleProperty().bind(field.textProperty().isNotEmpty());
        field.setRight(clear);
    }

    /** A converter for a choice box that only shows values: they are never typed. */
    public static <T> StringConverter<T> showing(Function<T, String> toText) {
        return new StringConverter<>() {
            @Override
            public String toString(T value) {
                return value == null ? "" : toText.apply(value);
            }

            @Override
            public T fromString(String s) {
                throw new UnsupportedOperationException("read-only choice");
            }
        };
    }
}
