package org.mailflow.geo;

/**
 * IP address literals as mail servers log them, parsed without ever resolving a name: a dotted quad or an IPv6
 * literal, optionally in brackets ({@code [2001:db8::1]}), with an {@code IPv6:} prefix ({@code [IPv6:2001:db8::1]},
 * the SMTP address-literal form) or a {@code %zone}. Anything else is not an address.
 */
final class IpLiteral {
    private IpLiteral() {}

    /**
     * The address in a logged field: 4 bytes for IPv4 (also for IPv4-mapped IPv6, {@code ::ffff:1.2.3.4}),
     * 16 for IPv6, or null when the text is not an IP literal.
     */
    static byte[] parse(String logged) {
        if (logged == null) return null;
        String s = logged.strip();
        if (s.length() >= 2 && s.charAt(0) == '[' && s.charAt(s.length() - 1) == ']') s = s.substring(1, s.length() - 1);
        if (s.regionMatches(true, 0, "IPv6:", 0, 5)) s = s.substring(5);
        int zone = s.indexOf('%');
        if (zone >= 0) {
            if (zone == s.length() - 1 || s.indexOf(':') < 0) return null;
            s = s.substring(0, zone);
        }
        byte[] raw = parseRaw(s);
        if (raw != null && raw.length == 16 && isV4Mapped(raw)) {
            byte[] v4 = new byte[4];
            System.arraycopy(raw, 12, v4, 0, 4);
            return v4;
        }
        return raw;
    }

    /** A bare literal, exactly as written: 4 bytes for a dotted quad, 16 for IPv6, null otherwise. */
    static byte[] parseRaw(String s) {
        if (s == null || s.isEmpty() || s.length() > 45) return null;
        return s.indexOf(':') >= 0 ? parseV6(s) : parseV4(s);
    }

    /** Four decimal parts of 0..255 without leading zeros (which some parsers read as octal). */
    private static byte[] parseV4(String s) {
        byte[] out = new byte[4];
        int part = 0;
        int value = 0;
        int digits = 0;
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : '.';
            if (c >= '0' && c <= '9') {
                if (digits == 1 && value == 0) return null;
                value = value * 10 + (c - '0');
                if (++digits > 3 || value > 255) return null;
            } else if (c == '.') {
                if (digits == 0 || part == 4) return null;
                out[part++] = (byte) value;
                value = 0;
                digits = 0;
            } else {
                return null;
            }
        }
        return part == 4 ? out : null;
    }

    private static byte[] parseV6(String s) {
        int gap = s.indexOf("::");
        if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) return null;
        int[] head = gap >= 0 ? groups(s.substring(0, gap), false) : groups(s, true);
        int[] tail = gap >= 0 ? groups(s.substring(gap + 2), true) : new int[0];
        if (head == null || tail == null) return null;
        int words = head.length + tail.length;
        if (gap >= 0 ? words > 7 : words != 8) return null;
        byte[] out = new byte[16];
        for (int i = 0; i < head.length; i++) {
            out[2 * i] = (byte) (head[i] >> 8);
            out[2 * i + 1] = (byte) head[i];
        }
        for (int i = 0; i < tail.length; i++) {
            int w = 8 - tail.length + i;
            out[2 * w] = (byte) (tail[i] >> 8);
            out[2 * w + 1] = (byte) tail[i];
        }
        return out;
    }

    /** The 16-bit words of colon-separated hex groups; a dotted quad may end them (two words). */
    private static int[] groups(String part, boolean quadAllowedAtEnd) {
        if (part.isEmpty()) return new int[0];
        String[] pieces = part.split(":", -1);
        int[] words = new int[pieces.length + 1];
        int n = 0;
        for (int i = 0; i < pieces.length; i++) {
            String p = pieces[i];
            if (p.indexOf('.') >= 0) {
                if (!quadAllowedAtEnd || i != pieces.length - 1) return null;
                byte[] quad = parseV4(p);
                if (quad == null) return null;
                words[n++] = (quad[0] & 0xFF) << 8 | (quad[1] & 0xFF);
                words[n++] = (quad[2] & 0xFF) << 8 | (quad[3] & 0xFF);
                continue;
            }
            if (p.isEmpty() || p.length() > 4) return null;
            int w = 0;
            for (int k = 0; k < p.length(); k++) {
                int d = Character.digit(p.charAt(k), 16);
                if (d < 0 || p.charAt(k) > 'f') return null;
                w = w << 4 | d;
            }
            words[n++] = w;
        }
        return java.util.Arrays.copyOf(words, n);
    }

    private static boolean isV4Mapped(byte[] a) {
        for (int i = 0; i < 10; i++) if (a[i] != 0) return false;
        return a[10] == (byte) 0xFF && a[11] == (byte) 0xFF;
    }

    /** Private (RFC 1918, CGNAT 100.64/10, ULA fc00::/7), loopback (127/8, ::1) or link-local (169.254/16, fe80::/10). */
    static boolean isPrivate(byte[] a) {
        if (a.length == 4) {
            int b0 = a[0] & 0xFF, b1 = a[1] & 0xFF;
            return b0 == 10 || b0 == 127
                    || (b0 == 172 && (b1 & 0xF0) == 16)
                    || (b0 == 192 && b1 == 168)
                    || (b0 == 169 && b1 == 254)
                    || (b0 == 100 && (b1 & 0xC0) == 64);
        }
        int b0 = a[0] & 0xFF, b1 = a[1] & 0xFF;
        if ((b0 & 0xFE) == 0xFC) return true;
        if (b0 == 0xFE && (b1 & 0xC0) == 0x80) return true;
        for (int i = 0; i < 15; i++) if (a[i] != 0) return false;
        return a[15] == 1;
    }

    /** Documentation ranges (RFC 5737, RFC 3849, RFC 9637): public, but no database may place them. */
    static boolean isDocumentation(byte[] a) {
        int b0 = a[0] & 0xFF, b1 = a[1] & 0xFF, b2 = a[2] & 0xFF;
        if (a.length == 4) {
            return (b0 == 192 && b1 == 0 && b2 == 2) || (b0 == 198 && b1 == 51 && b2 == 100)
                    || (b0 == 203 && b1 == 0 && b2 == 113);
        }
        int b3 = a[3] & 0xFF;
        return (b0 == 0x20 && b1 == 0x01 && b2 == 0x0D && b3 == 0xB8) || (b0 == 0x3F && b1 == 0xFF && (b2 & 0xF0) == 0);
    }
}
