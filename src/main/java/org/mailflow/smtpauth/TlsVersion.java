package org.mailflow.smtpauth;

import java.util.Locale;
import java.util.Optional;

/**
 * The TLS version tokens of SPEC 2, used everywhere (cache, exports, UI labels). {@link #code()} is
 * the value stored in the cache and must never change.
 *
 * <p>Two tokens say the version is not known: {@link #TLS} (the session was encrypted, the source
 * does not say with which version) and {@link #UNKNOWN} (the source does not even say whether it was
 * encrypted, as a Postfix log at the default {@code smtpd_tls_loglevel = 0} without disconnect
 * statistics). Neither is legacy ({@link #versionKnown()} is false for both).
 */
public enum TlsVersion {
    TLS1_0("TLS1.0", 0, true),
    TLS1_1("TLS1.1", 1, true),
    TLS1_2("TLS1.2", 2, false),
    TLS1_3("TLS1.3", 3, false),
    /** Encrypted, version unknown. */
    TLS("TLS", 4, false),
    /** No TLS at all. */
    NONE("none", 5, true),
    /** The source does not say whether the session was encrypted. */
    UNKNOWN("unknown", 6, false);

    private static final TlsVersion[] BY_CODE = values();

    private final String token;
    private final int code;
    private final boolean legacy;

    TlsVersion(String token, int code, boolean legacy) {
        this.token = token;
        this.code = code;
        this.legacy = legacy;
    }

    public String token() {
        return token;
    }

    public int code() {
        return code;
    }

    /** {@code TLS1.0}, {@code TLS1.1} and {@code none}: what the report exists to find. */
    public boolean legacy() {
        return legacy;
    }

    /**
     * False for {@link #TLS} and {@link #UNKNOWN}, whose version the source did not log: the report's
     * "Version unknown" share.
     */
    public boolean versionKnown() {
        return this != TLS && this != UNKNOWN;
    }

    /** False for {@link #NONE} and {@link #UNKNOWN}: the session is not known to have been encrypted. */
    public boolean encrypted() {
        return this != NONE && this != UNKNOWN;
    }

    public static TlsVersion ofCode(int code) {
        return BY_CODE[code];
    }

    /**
     * Normalises a source's spelling: OpenSSL {@code TLSv1}, {@code TLSv1.2}, GnuTLS {@code TLS1.2},
     * Microsoft {@code TLS 1.2} or {@code 1.2}, any case, with or without {@code v}, space, dot or
     * underscore ({@code TLS1_2}, {@code Tls12}). {@code TLS} and {@code TLSv1.x} give {@link #TLS};
     * {@code none}, {@code no}, {@code plain} and {@code -} give {@link #NONE}; {@code unknown}, the
     * empty string and null (the source does not say) give {@link #UNKNOWN}.
     * SSL 2 and 3 are counted as {@link #TLS1_0}: they are older still and must show as legacy.
     * Anything else is empty, so the caller can report the row.
     */
    public static Optional<TlsVersion> parse(String spelling) {
        if (spelling == null) {
            return Optional.of(UNKNOWN);
        }
        String s = spelling.strip().toLowerCase(Locale.ROOT);
        switch (s) {
            case "none", "no", "plain", "plaintext", "-", "no tls", "notls" -> {
                return Optional.of(NONE);
            }
            case "", "unknown", "?", "n/a" -> {
                return Optional.of(UNKNOWN);
            }
            default -> {
                // fall through to the version forms
            }
        }
        String rest;
        if (s.startsWith("tls")) {
            rest = s.substring(3);
        } else if (s.startsWith("ssl")) {
            String v = s.substring(3).replace("v", "").replace(" ", "").replace(".0", "");
            return v.equals("2") || v.equals("3") ? Optional.of(TLS1_0) : Optional.empty();
        } else {
            rest = s;
        }
        rest = rest.replace(" ", "").replace("_", ".");
        if (rest.startsWith(".")) {
            rest = rest.substring(1); // TLS_1_2
        }
        if (rest.startsWith("v")) {
            rest = rest.substring(1);
        }
        if (rest.isEmpty() && !s.startsWith("tls")) {
            return Optional.empty(); // "v" alone is not a version
        }
        return switch (rest) {
            case "", "v1.x", "1.x" -> Optional.of(TLS);
            case "1", "1.0", "10" -> Optional.of(TLS1_0);
            case "1.1", "11" -> Optional.of(TLS1_1);
            case "1.2", "12" -> Optional.of(TLS1_2);
            case "1.3", "13" -> Optional.of(TLS1_3);
            default -> Optional.empty();
        };
    }

    /** The accepted spellings, for bad-row messages. */
    public static final org.mailflow.model.UserText EXPECTED = org.mailflow.model.UserText.of("row.expected.tls");
}
