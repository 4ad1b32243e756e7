package org.mailflow.smtpauth.ui;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.mailflow.smtpauth.AccountHistory;
import org.mailflow.smtpauth.AuthProtocol;
import org.mailflow.smtpauth.SmtpExports;
import org.mailflow.smtpauth.TlsVersion;
import org.mailflow.ui.DateConverters;
import org.mailflow.ui.I18n;
import org.mailflow.ui.TlsTexts;

/**
 * The sender panel's figures as the user reads them, one {@link Figure} a line: the account's fields
 * (domain, messages, first and last seen), its messages per TLS version and per authentication protocol
 * ("33.3 % (5)", only those it used; Basic marked), and per auth method. The controller lays them out;
 * what they say and which lines there are is decided here.
 */
final class SenderPanelFigures {
    /** One line of the panel: its name, its value, the value's node id, and whether it is a warning (Basic). */
    record Figure(String name, String value, String id, boolean alert) {
        Figure(String name, String value, String id) {
            this(name, value, id, false);
        }
    }

    private final I18n i18n;
    private final TlsTexts tlsTexts;

    SenderPanelFigures(I18n i18n) {
        this.i18n = i18n;
        this.tlsTexts = new TlsTexts(i18n);
    }

    /** Domain (when the panel was opened from a row), messages, first and last seen. */
    List<Figure> fields(SmtpAuthViewModel.PanelData p) {
        AccountHistory h = p.history();
        DateTimeFormatter date = DateConverters.formatter(i18n);
        List<Figure> out = new ArrayList<>();
        if (p.row() != null) {
            out.add(new Figure(i18n.get("smtp.panel.domain"), p.row().domain().isEmpty() ? PlaceTexts.NONE : p.row().domain(), "panel-domain"));
        }
        out.add(new Figure(i18n.get("smtp.panel.messages"), i18n.number(h.total()), "panel-messages"));
        out.add(new Figure(i18n.get("smtp.panel.firstSeen"), h.firstSeen() == null ? PlaceTexts.NONE : date.format(h.firstSeen()),
                "panel-first-seen"));
        out.add(new Figure(i18n.get("smtp.panel.lastSeen"), h.lastSeen() == null ? PlaceTexts.NONE : date.format(h.lastSeen()),
                "panel-last-seen"));
        return out;
    }

    /** The TLS versions the account used, with their shares of its messages. */
    List<Figure> tls(AccountHistory h) {
        List<Figure> out = new ArrayList<>();
        for (TlsVersion v : TlsVersion.values()) {
            long n = h.perTls()[v.code()];
            if (n > 0) {
                out.add(new Figure(tlsTexts.label(v), share(n, h.total()), "panel-tls-" + v.token()));
            }
        }
        return out;
    }

    /** The authentication protocols the account used, with their shares; Basic is an alert. */
    List<Figure> protocols(AccountHistory h) {
        List<Figure> out = new ArrayList<>();
        for (AuthProtocol a : AuthProtocol.values()) {
            long n = h.perProtocol()[a.ordinal()];
            if (n > 0) {
                out.add(new Figure(SmtpCharts.protocol(i18n, a), share(n, h.total()), "panel-protocol-" + a.name(), a == AuthProtocol.BASIC));
            }
        }
        return out;
    }

    /** The auth methods the account used, "LOGIN (Basic)", with their message counts. */
    List<Figure> methods(AccountHistory h) {
        List<Figure> out = new ArrayList<>();
        for (AccountHistory.Count c : h.methods()) {
            String name = c.value().isEmpty() ? i18n.get("smtp.panel.unnamedMethod")
                    : i18n.format("smtp.panel.method", c.value(), SmtpCharts.protocol(i18n, AuthProtocol.of(c.value())));
            out.add(new Figure(name, i18n.number(c.count()), "panel-method-" + out.size()));
        }
        return out;
    }

    private String share(long n, long total) {
        return i18n.format("smtp.share", SmtpExports.percent(n, total), i18n.number(n));
    }
}
