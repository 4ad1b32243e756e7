package org.mailflow.smtpauth.ui;

import java.util.List;
import javafx.fxml.FXML;
import org.mailflow.app.Navigator;

/**
 * The SMTP AUTH clients page while the cache holds no SMTP AUTH data: an empty state that says so
 * and offers the import.
 */
public final class SmtpAuthController {
    private final Navigator navigator;

    public SmtpAuthController(Navigator navigator) {
        this.navigator = navigator;
    }

    @FXML
    private void onImport() {
        navigator.openImport(List.of(), null);
    }
}
