package org.mailflow.smtpauth.ui;

import org.mailflow.smtpauth.ReportData;
import org.mailflow.smtpauth.SenderTotals;
import org.mailflow.ui.I18n;

/**
 * The totals above the SMTP AUTH report's charts, as shown: messages, senders, senders on legacy TLS
 * with their share ("3 (50 %)"), and distinct accounts with unusual activity (as the Dashboard counts
 * them). Computed by the view model when a report arrives; the controller only shows them.
 */
public record ReportTotals(String messages, String senders, String legacy, String unusual) {
    /** Nothing to show yet. */
    public static final ReportTotals NONE = new ReportTotals("", "", "", "");

    public static ReportTotals of(ReportData r, I18n i18n) {
        long unusualAccounts = r.rows().stream().filter(SenderTotals::unusual).mapToInt(SenderTotals::account).distinct().count();
        return new ReportTotals(i18n.number(r.messages()), i18n.number(r.senders()),
                i18n.format("smtp.total.legacyValue", i18n.number(r.legacySenders()),
                        i18n.percent(r.senders() == 0 ? 0 : (double) r.legacySenders() / r.senders())),
                i18n.number(unusualAccounts));
    }
}
