package org.mailflow.smtpauth.ui;

import java.util.Set;
import org.mailflow.smtpauth.AuthProtocol;
import org.mailflow.smtpauth.IpTotals;
import org.mailflow.smtpauth.SenderTotals;
import org.mailflow.smtpauth.TlsVersion;

/**
 * What a chart series stands for, as a filter of the page's table (drill-down): a sender domain (or
 * "other domains": every domain the chart does not name), a TLS version, a protocol, or on the
 * Client IPs pivot the IPs that sent messages or had failed authentications. {@code chip} is the
 * text of the chip above the table ("Domain: contoso.com").
 */
public record Drill(Kind kind, String key, Set<String> named, String chip) {
    public enum Kind { DOMAIN, OTHER_DOMAINS, TLS, PROTOCOL, IP_MESSAGES, IP_FAILURES }

    public Drill {
        named = Set.copyOf(named);
    }

    /** True for drills of the Client IPs table; the others filter the sender table. */
    public boolean ofIps() {
        return kind == Kind.IP_MESSAGES || kind == Kind.IP_FAILURES;
    }

    public boolean matches(SenderTotals row) {
        return switch (kind) {
            case DOMAIN -> row.domain().equals(key);
            case OTHER_DOMAINS -> !named.contains(row.domain());
            case TLS -> row.count(TlsVersion.valueOf(key)) > 0;
            case PROTOCOL -> row.count(AuthProtocol.valueOf(key)) > 0;
            case IP_MESSAGES, IP_FAILURES -> true;
        };
    }

    public boolean matches(IpTotals row) {
        return switch (kind) {
            case IP_MESSAGES -> row.messages() > 0;
            case IP_FAILURES -> row.failures() > 0;
            default -> true;
        };
    }
}
