package org.mailflow.ui;

import java.util.Optional;

/** The pages of the main window, with their {@code gui --page} token and view. */
public enum Page {
    DASHBOARD("dashboard", View.DASHBOARD, "nav.dashboard"),
    SMTP_AUTH("smtp-auth", View.SMTP_AUTH, "nav.smtpAuth"),
    BULK("bulk", View.BULK_INSIGHTS, "nav.bulk"),
    POLICIES("policies", View.POLICIES, "nav.policies");

    private final String token;
    private final View view;
    private final String titleKey;

    Page(String token, View view, String titleKey) {
        this.token = token;
        this.view = view;
        this.titleKey = titleKey;
    }

    public String token() {
        return token;
    }

    public View view() {
        return view;
    }

    /** Resource bundle key of the page's name in the navigation. */
    public String titleKey() {
        return titleKey;
    }

    public static Optional<Page> ofToken(String token) {
        for (Page p : values()) {
            if (p.token.equals(token)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
