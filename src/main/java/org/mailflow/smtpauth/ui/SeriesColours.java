package org.mailflow.smtpauth.ui;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mailflow.smtpauth.AuthProtocol;
import org.mailflow.smtpauth.TlsVersion;

/**
 * One colour per sender domain, TLS version and protocol everywhere on the page: the charts' bars
 * and legends and the tables' swatches use the style class given here, whose colour is a looked-up
 * {@code -mf-*} colour of app.css and dark.css.
 *
 * <p>TLS versions and protocols have fixed colours (Okabe–Ito, colour-blind safe). A domain's colour
 * comes from its rank by messages over the whole loaded data ({@link #PALETTE} colours of Paul Tol's
 * "muted" scheme, colour-blind safe, for the busiest domains), so that it is the same in every pivot
 * and every date range, whichever domains a range happens to show; domains beyond the palette take a
 * colour by a hash of their name (still stable, possibly shared with a busier domain). "Other
 * domains" is always grey. A new import can change the ranks, and so the colours, of the new data.
 */
public final class SeriesColours {
    /** Colours of the domain palette, {@code mf-domain-0} to {@code mf-domain-8}. */
    public static final int PALETTE = 9;
    public static final String OTHER = "mf-domain-other";

    private final Map<String, Integer> rank = new HashMap<>();

    /** {@code domainsByVolume}: the data's sender domains, busiest first. */
    public SeriesColours(List<String> domainsByVolume) {
        for (int k = 0; k < domainsByVolume.size() && k < PALETTE; k++) {
            rank.putIfAbsent(domainsByVolume.get(k).toLowerCase(Locale.ROOT), k);
        }
    }

    public static final SeriesColours NONE = new SeriesColours(List.of());

    /** The style class of a domain ({@code ""} for "(no domain)"); null stands for "other domains". */
    public String domain(String domain) {
        if (domain == null) {
            return OTHER;
        }
        String key = domain.toLowerCase(Locale.ROOT);
        Integer k = rank.get(key);
        return "mf-domain-" + (k != null ? k : Math.floorMod(key.hashCode(), PALETTE));
    }

    public static String tls(TlsVersion v) {
        return org.mailflow.ui.TlsTexts.colourClass(v);
    }

    public static String protocol(AuthProtocol p) {
        return "mf-auth-" + p.name().toLowerCase(Locale.ROOT);
    }
}
