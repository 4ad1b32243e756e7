package org.mailflow.app.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mailflow.ui.I18n;
import org.mailflow.cache.SmtpStore;
import org.mailflow.smtpauth.AuthProtocol;
import org.mailflow.smtpauth.SmtpExports;

/**
 * One authentication protocol's part of the week's messages, for the flyout's Basic vs OAuth split: its
 * name, the count, the share (0-1) and the text "share % (count)", rounded as the report rounds.
 */
public record ProtocolShare(AuthProtocol protocol, String name, long count, double share, String text) {

    /** Basic and OAuth always, then Other and not logged when the week has any. */
    public static List<ProtocolShare> of(SmtpStore.Summary s, I18n i18n) {
        List<ProtocolShare> out = new ArrayList<>();
        long total = s.messages();
        for (AuthProtocol p : AuthProtocol.values()) {
            long n = s.count(p);
            if (n == 0 && (p == AuthProtocol.OTHER || p == AuthProtocol.UNKNOWN)) {
                continue;
            }
            out.add(new ProtocolShare(p, i18n.get("dashboard.flyout.protocol." + p.name().toLowerCase(Locale.ROOT)), n,
                    total == 0 ? 0 : (double) n / total, i18n.format("smtp.share", SmtpExports.percent(n, total), i18n.number(n))));
        }
        return List.copyOf(out);
    }
}
