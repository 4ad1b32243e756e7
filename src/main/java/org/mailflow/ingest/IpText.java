package org.mailflow.ingest;

/**
 * A light check that a value is the text of an IP address, IPv4 ({@code 192.0.2.10}) or IPv6
 * ({@code 2001:db8::10}, {@code ::ffff:192.0.2.10}, with a zone such as {@code fe80::1%eth0}), done
 * by hand so that nothing is ever looked up (a host name given to {@code InetAddress} would be).
 * It keeps host names, {@code unknown} and damaged values out of the client IPs the reports group by.
 */
final class IpText {
    private IpText() {
    }

    static boolean isAddress(String text) {
        return isV4(text) || isV6(text);
    }

    static boolean isV4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(ch -> ch >= '0' && ch <= '9') || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    static boolean isV6(String text) {
        String t = text;
        int zone = t.indexOf('%');
        if (zone >= 0) {
            String id = t.substring(zone + 1);
            if (id.isEmpty() || !id.chars().allMatch(ch -> Character.isLetterOrDigit(ch) || ch == '.' || ch == '_' || ch == '-')) {
                return false;
            }
            t = t.substring(0, zone);
        }
        if (t.length() < 2 || t.length() > 45 || t.indexOf(':') < 0) {
            return false;
        }
        int gap = t.indexOf("::");
        if (gap >= 0 && t.indexOf("::", gap + 1) >= 0) {
            return false; // "::" stands for zeros once only
        }
        String[] halves = gap >= 0 ? new String[] {t.substring(0, gap), t.substring(gap + 2)} : new String[] {t};
        int groups = 0;
        for (int h = 0; h < halves.length; h++) {
            if (halves[h].isEmpty()) {
                continue;
            }
            String[] parts = halves[h].split(":", -1);
            for (int i = 0; i < parts.length; i++) {
                String p = parts[i];
                boolean last = h == halves.length - 1 && i == parts.length - 1;
                if (last && p.indexOf('.') >= 0) {
                    if (!isV4(p)) {
                        return false;
                    }
                    groups += 2; // an embedded IPv4 address fills the last two groups
                } else if (p.isEmpty() || p.length() > 4 || !p.chars().allMatch(IpText::hex)) {
                    return false;
                } else {
                    groups++;
                }
            }
        }
        return gap >= 0 ? groups <= 7 : groups == 8;
    }

    private static boolean hex(int ch) {
        return ch >= '0' && ch <= '9' || ch >= 'a' && ch <= 'f' || ch >= 'A' && ch <= 'F';
    }
}
