package org.mailflow.ui;

import org.mailflow.smtpauth.TlsVersion;

/**
 * How the UI names the TLS tokens, and the note on submissions whose TLS version is not known
 * (SPEC 2): {@code TLS} and {@code unknown} are never hidden; the Dashboard and the report say how
 * many messages fall there and, above {@value #HINT_ABOVE} of them, which logging setting reveals the
 * version. Shared by the Dashboard, the report page and its sender panel.
 */
public final class TlsTexts {
    /** The share of messages without a known version above which the note names the setting that logs it. */
    public static final double HINT_ABOVE = 0.2;

    private final I18n i18n;

    public TlsTexts(I18n i18n) {
        this.i18n = i18n;
    }

    /** The label of a token: the version itself, "No TLS", "TLS (version not logged)" or "Not logged". */
    public String label(TlsVersion v) {
        return switch (v) {
            case NONE -> i18n.get("smtp.tls.none");
            case TLS -> i18n.get("smtp.tls.unknown");
            case UNKNOWN -> i18n.get("smtp.tls.notLogged");
            default -> v.token();
        };
    }

    /**
     * The note on messages without a known TLS version, {@code versionUnknown} of {@code messages}: ""
     * when there are none, their count and share otherwise, with the setting that logs the version when
     * they are more than {@value #HINT_ABOVE} of the messages.
     */
    public String versionNote(long versionUnknown, long messages) {
        if (versionUnknown <= 0 || messages <= 0) {
            return "";
        }
        double share = (double) versionUnknown / messages;
        String count = i18n.format("smtp.versionUnknown.count", i18n.number(versionUnknown), i18n.number(messages), i18n.percent(share));
        return needsHint(versionUnknown, messages) ? count + " " + i18n.get("smtp.versionUnknown.hint") : count;
    }

    /** True when {@code versionUnknown} is more than {@value #HINT_ABOVE} of {@code messages}: the note names the setting. */
    public static boolean needsHint(long versionUnknown, long messages) {
        return messages > 0 && versionUnknown > HINT_ABOVE * messages;
    }

    /** The style class of a TLS version's colour on every chart, legend, swatch and share bar ({@code mf-tls-tls1-0}). */
    public static String colourClass(TlsVersion v) {
        return "mf-tls-" + v.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
