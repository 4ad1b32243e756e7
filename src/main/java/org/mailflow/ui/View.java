package org.mailflow.ui;

import java.net.URL;

/**
 * Every FXML view of the app. The resources are checked when this class loads, so a misspelt path
 * fails at start-up (and in the tests), not when a user first clicks.
 */
public enum View {
    MAIN_WINDOW("main_window.fxml"),
    DASHBOARD("dashboard.fxml"),
    SMTP_AUTH("smtp_auth.fxml"),
    SMTP_SENDER_PANEL("smtp_sender_panel.fxml"),
    SMTP_IP_PANEL("smtp_ip_panel.fxml"),
    BULK_INSIGHTS("bulk_insights.fxml"),
    SENDER_PANEL("sender_panel.fxml"),
    POLICIES("policies.fxml"),
    IMPORT_DIALOG("import_dialog.fxml"),
    SETTINGS("settings_dialog.fxml"),
    ABOUT("about_dialog.fxml");

    private final URL url;

    View(String file) {
        this.url = View.class.getResource("/fxml/" + file);
        if (url == null) {
            throw new IllegalStateException("missing view /fxml/" + file);
        }
    }

    public URL url() {
        return url;
    }
}
