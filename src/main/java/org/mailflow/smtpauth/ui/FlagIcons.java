package org.mailflow.smtpauth.ui;

import java.util.Locale;
import javafx.scene.Node;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.SVGPath;
import org.mailflow.ui.I18n;
import org.mailflow.smtpauth.SmtpFlag;

/** The small icons of the unusual-activity flags, each with its explanation as a tooltip. */
final class FlagIcons {
    private FlagIcons() {
    }

    static String path(SmtpFlag f) {
        return switch (f) {
            // an open padlock
            case LEGACY_TLS -> "M3 6.5h8V13H3zM4.5 6.5V4.2a2.5 2.5 0 0 1 5-.4h-1.4a1.1 1.1 0 0 0-2.2.3v2.4z";
            // a rising line
            case VOLUME_SPIKE -> "M1 11.2l4-4 2.6 2.6L11.4 6H9.5V4.6H13.8v4.2h-1.4V6.9L7.6 11.7 5 9.1l-3 3z";
            // a star
            case NEW_SENDER -> "M7 1l1.8 3.9 4.2.5-3.1 2.9.8 4.2L7 10.4 3.3 12.5l.8-4.2L1 5.4l4.2-.5z";
            // three connected nodes
            case MANY_IPS -> "M1.5 1.5h3.5v3.5H1.5zM9 1.5h3.5v3.5H9zM5.25 9h3.5v3.5h-3.5zM3 5h1.2v1.6h5.6V5H11v2.8H7.6V9H6.4V7.8H3z";
            // a key
            case BASIC_AUTH -> "M4.5 3a3 3 0 1 0 2.8 4H9v1.5h1.5V7H12V5.5H7.3A3 3 0 0 0 4.5 3zm0 1.8a1.2 1.2 0 1 1 0 2.4 1.2 1.2 0 0 1 0-2.4z";
            // a flag on a pole
            case NEW_COUNTRY -> "M3 1.5h1.2V13H3zM4.2 2h7.3l-1.8 2.8 1.8 2.7H4.2z";
            // a lightning bolt
            case IMPOSSIBLE_TRAVEL -> "M8 1L3 8h3.2L5 13l6-7.5H7.6L9.2 1z";
            // scattered dots
            case SPRAYED_IP -> "M2 2h2v2H2zM6 2h2v2H6zM10 2h2v2h-2zM4 6h2v2H4zM8 6h2v2H8zM6 10h2v2H6z";
            // a circle with a cross
            case AUTH_FAILURES -> "M7 1a6 6 0 1 0 0 12A6 6 0 0 0 7 1zm2.3 3L10 4.7 7.7 7 10 9.3l-.7.7L7 7.7 4.7 10 4 9.3 6.3 7 4 4.7l.7-.7L7 6.3z";
        };
    }

    /** One icon, styled {@code flag-icon flag-<token>}, with the flag's name and rule as tooltip. */
    static Node icon(SmtpFlag f, I18n i18n) {
        SVGPath svg = new SVGPath();
        svg.setContent(path(f));
        svg.getStyleClass().addAll("flag-icon", "flag-" + f.token());
        StackPane box = new StackPane(svg);
        box.getStyleClass().add("flag-icon-box");
        box.setId("flag-icon-" + f.token());
        Tooltip.install(box, new Tooltip(name(f, i18n) + " — " + i18n.get("smtp.flag." + key(f) + ".rule")));
        return box;
    }

    static HBox icons(int mask, I18n i18n) {
        HBox row = new HBox(3);
        for (SmtpFlag f : SmtpFlag.values()) {
            if (f.in(mask)) {
                row.getChildren().add(icon(f, i18n));
            }
        }
        return row;
    }

    static String name(SmtpFlag f, I18n i18n) {
        return i18n.get("smtp.flag." + key(f));
    }

    static String key(SmtpFlag f) {
        return f.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
