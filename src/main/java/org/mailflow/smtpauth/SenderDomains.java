package org.mailflow.smtpauth;

import java.util.Locale;

/**
 * The address rules of SPEC 2 that every SMTP AUTH source shares: senders are trimmed and
 * lower-cased, so {@code News@X.example} and {@code news@x.example} are one sender, and a sender's
 * domain is the part after its last {@code @}, or, for a bare SASL user name, the domain of a
 * second value the source gives (the envelope sender of a log, the {@code domain} column of a CSV).
 */
public final class SenderDomains {
    /**
     * The longest address, user name or message-id any source may give (the SMTP line limit): a
     * longer one is a cut or garbled record, refused rather than stored.
     */
    public static final int MAX_LENGTH = 998;

    private SenderDomains() {
    }

    /**
     * True when {@code value} holds a control character (C0, DEL or C1): no address, user name or
     * message-id has one, so a source value that does is garbled and is refused, never stored.
     */
    public static boolean hasControlCharacter(String value) {
        if (value == null) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c >= 0x7f && c <= 0x9f) {
                return true;
            }
        }
        return false;
    }

    /** {@code address} trimmed and lower-cased; null stays null. */
    public static String normalise(String address) {
        return address == null ? null : address.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * The lower-case domain of {@code sender}: the part after its last {@code @} (the last, because
     * a quoted local part may hold an {@code @} itself). When the sender has no {@code @}, or nothing
     * after it, the domain comes from {@code fallback}: the part after its last {@code @} if it is an
     * address (angle brackets around it are dropped), else the whole value. Empty when neither gives
     * one; never null.
     */
    public static String domainOf(String sender, String fallback) {
        String own = after(sender, false);
        if (!own.isEmpty()) {
            return own;
        }
        return after(fallback, true);
    }

    /** The part after the last {@code @}; without one, the whole value when {@code wholeIfBare}, else empty. */
    private static String after(String value, boolean wholeIfBare) {
        if (value == null) {
            return "";
        }
        String v = value.strip();
        if (v.startsWith("<") && v.endsWith(">")) {
            v = v.substring(1, v.length() - 1).strip();
        }
        int at = v.lastIndexOf('@');
        if (at < 0) {
            return wholeIfBare ? v.toLowerCase(Locale.ROOT) : "";
        }
        return v.substring(at + 1).strip().toLowerCase(Locale.ROOT);
    }
}
