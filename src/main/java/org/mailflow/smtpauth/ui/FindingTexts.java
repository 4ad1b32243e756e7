package org.mailflow.smtpauth.ui;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.mailflow.ui.DateConverters;
import org.mailflow.ui.I18n;
import org.mailflow.smtpauth.IpTotals;
import org.mailflow.smtpauth.UnusualActivity;

/**
 * The evidence of a flag in the sender panel's words (SPEC 2.5): the day and the figure against its
 * threshold or median; for new-country the country, the IP and the history; for impossible-travel the
 * two places, IPs and times with the distance and speed; for sprayed-ip the IP and the accounts it
 * failed on that day.
 */
final class FindingTexts {
    /** The sprayed-ip evidence names this many of the accounts the IP failed on, then counts the rest. */
    static final int NAMED_ACCOUNTS = 10;

    private final I18n i18n;
    private final DateTimeFormatter date;

    FindingTexts(I18n i18n) {
        this.i18n = i18n;
        this.date = DateConverters.formatter(i18n);
    }

    /** The lines under the flag's name. */
    List<String> evidence(UnusualActivity.Finding f) {
        String day = date.format(f.day());
        List<String> out = new ArrayList<>(2);
        switch (f.flag()) {
            case LEGACY_TLS -> out.add(i18n.format("smtp.finding.legacy-tls", i18n.number(f.value()), i18n.number((long) f.reference()), day));
            case BASIC_AUTH -> out.add(i18n.format("smtp.finding.basic-auth", i18n.number(f.value()), i18n.number((long) f.reference()), day));
            case VOLUME_SPIKE -> out.add(i18n.format(f.evidence() instanceof UnusualActivity.Spike s && s.recipients()
                    ? "smtp.finding.recipient-spike" : "smtp.finding.volume-spike", day, i18n.number(f.value()), decimal(f.reference())));
            case NEW_SENDER -> out.add(i18n.format("smtp.finding.new-sender", day));
            case MANY_IPS -> out.add(i18n.format("smtp.finding.many-ips", day, f.value()));
            case AUTH_FAILURES -> out.add(i18n.format("smtp.finding.auth-failures", day, i18n.number(f.value())));
            case NEW_COUNTRY -> {
                if (f.evidence() instanceof UnusualActivity.NewCountry c) {
                    out.add(i18n.format("smtp.finding.new-country", country(c.countryCode()), c.ip(), day, date.format(c.historyFrom())));
                }
            }
            case IMPOSSIBLE_TRAVEL -> {
                if (f.evidence() instanceof UnusualActivity.Travel t) {
                    out.add(i18n.format("smtp.finding.impossible-travel", place(t.fromCity(), t.fromCountry()), t.fromIp(),
                            time(t.fromSecond()), place(t.toCity(), t.toCountry()), t.toIp(), time(t.toSecond()),
                            i18n.number(Math.round(t.km())), Double.isInfinite(t.kmPerHour()) ? "\u221e" : i18n.number(Math.round(t.kmPerHour()))));
                    if (t.centroids()) {
                        out.add(i18n.get("smtp.finding.centroids"));
                    }
                }
            }
            case SPRAYED_IP -> {
                if (f.evidence() instanceof UnusualActivity.Spray s) {
                    out.add(i18n.format("smtp.finding.sprayed-ip", s.ip(), day, s.failedAccounts().size(), accounts(s.failedAccounts())));
                }
            }
        }
        return out;
    }

    private String accounts(List<String> all) {
        if (all.size() <= NAMED_ACCOUNTS) {
            return String.join(", ", all);
        }
        return i18n.format("smtp.finding.moreAccounts", String.join(", ", all.subList(0, NAMED_ACCOUNTS)), all.size() - NAMED_ACCOUNTS);
    }

    private String country(String code) {
        return IpTotals.countryName(code, i18n.locale());
    }

    private String place(String city, String countryCode) {
        String name = country(countryCode);
        return city == null || city.isEmpty() ? name : city + ", " + name;
    }

    private String time(long epochSecond) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", i18n.locale()).format(Instant.ofEpochSecond(epochSecond).atZone(ZoneOffset.UTC));
    }

    private String decimal(double v) {
        return v == Math.rint(v) ? i18n.number((long) v) : String.format(i18n.locale(), "%.1f", v);
    }
}
