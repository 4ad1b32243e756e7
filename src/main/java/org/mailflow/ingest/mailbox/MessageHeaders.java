package org.mailflow.ingest.mailbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.mailflow.smtpauth.SenderDomains;

/**
 * The header section of one message (SPEC 5, "Mailboxes"): unfolded, names compared without regard
 * to case, with readers for what the bulk import needs: the BCL of {@code X-Microsoft-Antispam}, the
 * verdicts of {@code X-Forefront-Antispam-Report}, the {@code From:} address and the {@code Date:}.
 * Immutable once parsed.
 */
public final class MessageHeaders {
    /**
     * Header bytes kept per message; more is read and dropped. No real header section comes near
     * it, and a damaged file (a body taken for headers) must not fill the memory.
     */
    public static final int MAX_HEADER_BYTES = 1 << 20;

    /** One unfolded header, its name as written. */
    public record Header(String name, String value) {
    }

    private final List<Header> headers;

    private MessageHeaders(List<Header> headers) {
        this.headers = List.copyOf(headers);
    }

    /**
     * Reads headers from {@code in} up to the first empty line (LF or CRLF) or the end of the stream;
     * the stream is left just after that empty line, so the caller may skip the body. Lines without
     * a colon (an mbox {@code From } line, garbage) and continuation lines before the first header
     * are ignored. Each value is decoded as UTF-8 (RFC 6532), or ISO-8859-1 when it is not valid UTF-8.
     */
    public static MessageHeaders parse(InputStream in) throws IOException {
        List<Header> out = new ArrayList<>();
        ByteArrayOutputStream current = new ByteArrayOutputStream();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        long kept = 0;
        while (true) {
            line.reset();
            boolean eof = readLine(in, line);
            byte[] bytes = line.toByteArray();
            if (bytes.length == 0) {
                break; // the blank line ending the headers, or the end of the stream
            }
            boolean continuation = bytes[0] == ' ' || bytes[0] == '\t';
            if (!continuation) {
                add(out, current);
                current.reset();
            }
            if (kept + bytes.length <= MAX_HEADER_BYTES && (continuation ? current.size() > 0 : true)) {
                current.write(bytes);
                kept += bytes.length;
            }
            if (eof) {
                break;
            }
        }
        add(out, current);
        return new MessageHeaders(out);
    }

    /**
     * {@link #parse(InputStream)} of a byte array, without a stream: the header lines are cut out of
     * the array in place, which is what keeps a large mailbox fast.
     */
    public static MessageHeaders parse(byte[] headerBytes) {
        return parse(headerBytes, null);
    }

    /**
     * The fields that {@link #bcl}, {@link #sfv}, {@link #scl}, {@link #bulkCategory}, {@link #fromAddress}
     * and {@link #dateEpochSecond} read.
     */
    public static final java.util.Set<String> BULK_FIELDS = java.util.Set.of("from", "date", "x-microsoft-antispam",
            "x-forefront-antispam-report");

    /**
     * {@link #parse(byte[])} keeping only the fields named in {@code wanted} (lower-case names; null
     * keeps all): the others (Received chains, signatures, the long Message-Info) are skipped
     * without being decoded.
     */
    public static MessageHeaders parse(byte[] headerBytes, java.util.Set<String> wanted) {
        List<Header> out = new ArrayList<>();
        boolean keep = true;
        byte[] current = new byte[256];
        int currentLength = 0;
        long kept = 0;
        int start = 0;
        int n = headerBytes.length;
        while (start < n) {
            int end = start;
            while (end < n && headerBytes[end] != '\n') {
                end++;
            }
            int stop = end > start && headerBytes[end - 1] == '\r' ? end - 1 : end;
            int length = Math.min(stop - start, MAX_HEADER_BYTES);
            if (length == 0) {
                break; // the blank line ending the headers
            }
            boolean continuation = headerBytes[start] == ' ' || headerBytes[start] == '\t';
            if (!continuation) {
                add(out, current, currentLength);
                currentLength = 0;
                keep = wanted == null || wanted.contains(fieldName(headerBytes, start, start + length));
            }
            if (keep && kept + length <= MAX_HEADER_BYTES && (!continuation || currentLength > 0)) {
                if (current.length < currentLength + length) {
                    current = java.util.Arrays.copyOf(current, Math.max(current.length * 2, currentLength + length));
                }
                System.arraycopy(headerBytes, start, current, currentLength, length);
                currentLength += length;
                kept += length;
            }
            start = end + 1;
        }
        add(out, current, currentLength);
        return new MessageHeaders(out);
    }

    /** All headers, unfolded, in message order. */
    public List<Header> all() {
        return headers;
    }

    /** The values of every header called {@code name} (any case), in message order. */
    public List<String> all(String name) {
        List<String> values = new ArrayList<>();
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                values.add(h.value());
            }
        }
        return values;
    }

    /** The value of the first header called {@code name} (any case). */
    public Optional<String> first(String name) {
        List<String> values = all(name);
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /**
     * True when an {@code X-Microsoft-Antispam} header (exactly that name, so not
     * {@code X-Microsoft-Antispam-Message-Info}) has a {@code BCL} field, readable or not. A message
     * with none is skipped by the import; one with an unreadable BCL is malformed.
     */
    public boolean hasBcl() {
        return rawBcl().isPresent();
    }

    /** The BCL (0-9) of {@code X-Microsoft-Antispam}; empty when there is none or it is not 0-9. */
    public OptionalInt bcl() {
        Optional<String> raw = rawBcl();
        if (raw.isPresent() && raw.get().matches("[0-9]")) {
            return OptionalInt.of(Integer.parseInt(raw.get()));
        }
        return OptionalInt.empty();
    }

    private Optional<String> rawBcl() {
        for (String value : all("X-Microsoft-Antispam")) {
            Optional<String> bcl = field(value, "BCL");
            if (bcl.isPresent()) {
                return bcl;
            }
        }
        return Optional.empty();
    }

    /** {@code SFV} of {@code X-Forefront-Antispam-Report}, upper-cased ({@code SPM}, {@code BULK}, {@code NSPM}…). */
    public Optional<String> sfv() {
        return forefront("SFV").map(v -> v.toUpperCase(Locale.ROOT));
    }

    /** {@code SCL} of {@code X-Forefront-Antispam-Report} (-1 to 9); empty when absent or not a number. */
    public OptionalInt scl() {
        Optional<String> v = forefront("SCL");
        if (v.isPresent() && v.get().matches("-?[0-9]{1,2}")) {
            return OptionalInt.of(Integer.parseInt(v.get()));
        }
        return OptionalInt.empty();
    }

    /** True when {@code X-Forefront-Antispam-Report} has {@code CAT:BULK} or {@code SRV:BULK}. */
    public boolean bulkCategory() {
        return forefront("CAT").filter(v -> v.equalsIgnoreCase("BULK")).isPresent()
                || forefront("SRV").filter(v -> v.equalsIgnoreCase("BULK")).isPresent();
    }

    private Optional<String> forefront(String key) {
        for (String value : all("X-Forefront-Antispam-Report")) {
            Optional<String> v = field(value, key);
            if (v.isPresent()) {
                return v;
            }
        }
        return Optional.empty();
    }

    /** The value of {@code KEY:value} in a {@code ;}-separated list, key in any case, trimmed. */
    static Optional<String> field(String list, String key) {
        for (String part : list.split(";")) {
            int colon = part.indexOf(':');
            if (colon > 0 && part.substring(0, colon).strip().equalsIgnoreCase(key)) {
                return Optional.of(part.substring(colon + 1).strip());
            }
        }
        return Optional.empty();
    }

    /**
     * The address of the first mailbox of {@code From:}, trimmed and lower-cased: the part inside
     * {@code <…>}, else the bare address without comments. Empty when there is no {@code From:} or
     * it holds no address.
     */
    public Optional<String> fromAddress() {
        return first("From").map(v -> firstMailbox(v, false)[1]).filter(a -> !a.isEmpty());
    }

    /** The display name of {@code From:}, RFC 2047 decoded and unquoted; empty when it has none. */
    public Optional<String> fromDisplayName() {
        return first("From").map(v -> firstMailbox(v, true)[0]).filter(n -> !n.isEmpty());
    }

    /**
     * {display name, address} of the first mailbox of an address list; the name is decoded only when
     * {@code withName} (an import needs only the address, and decodes nothing it does not use).
     */
    private static String[] firstMailbox(String value, boolean withName) {
        // Cut at the first comma outside quotes, angle brackets and comments: only the first mailbox counts.
        StringBuilder mailbox = new StringBuilder();
        boolean quoted = false;
        int angle = 0;
        int comment = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (quoted) {
                if (c == '\\' && i + 1 < value.length()) {
                    mailbox.append(c);
                    c = value.charAt(++i);
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '(') {
                comment++;
            } else if (c == ')' && comment > 0) {
                comment--;
            } else if (c == '<') {
                angle++;
            } else if (c == '>' && angle > 0) {
                angle--;
            } else if (c == ',' && angle == 0 && comment == 0) {
                break;
            }
            mailbox.append(c);
        }
        String m = mailbox.toString().strip();
        int open = m.lastIndexOf('<');
        int close = m.lastIndexOf('>');
        String name;
        String address;
        if (open >= 0 && close > open) {
            address = m.substring(open + 1, close);
            name = m.substring(0, open).strip();
        } else {
            address = withoutComments(m);
            name = "";
        }
        address = SenderDomains.normalise(address);
        if (address.startsWith("mailto:")) {
            address = address.substring(7);
        }
        if (!withName) {
            return new String[] {"", address};
        }
        name = Rfc2047.decode(name).strip();
        if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
            name = name.substring(1, name.length() - 1).replaceAll("\\\\(.)", "$1");
        }
        return new String[] {name, address};
    }

    private static String withoutComments(String s) {
        StringBuilder b = new StringBuilder();
        int depth = 0;
        for (char c : s.toCharArray()) {
            if (c == '(') {
                depth++;
            } else if (c == ')' && depth > 0) {
                depth--;
            } else if (depth == 0) {
                b.append(c);
            }
        }
        return b.toString().strip();
    }

    /**
     * The UTC epoch second of {@code Date:} (RFC 5322: {@code Thu, 12 Nov 2026 08:30:00 +0100},
     * day name and seconds optional, trailing comment such as {@code (UTC)} ignored); empty when
     * absent or unreadable.
     */
    public OptionalLong dateEpochSecond() {
        Optional<String> date = first("Date");
        if (date.isEmpty()) {
            return OptionalLong.empty();
        }
        long fast = fastDate(date.get());
        if (fast != Long.MIN_VALUE) {
            return OptionalLong.of(fast);
        }
        String d = withoutComments(date.get()).replaceAll("\\s+", " ").strip();
        // RFC 5322 4.3 obsolete zone "UT" means +0000; the JDK formatter knows only GMT.
        if (d.endsWith(" UT")) {
            d = d.substring(0, d.length() - 2) + "GMT";
        }
        try {
            return OptionalLong.of(ZonedDateTime.parse(d, DateTimeFormatter.RFC_1123_DATE_TIME).toEpochSecond());
        } catch (DateTimeParseException e) {
            return OptionalLong.empty();
        }
    }

    /** The lower-cased name before the colon of a header line, or "" when it has none. */
    private static String fieldName(byte[] b, int from, int to) {
        for (int i = from; i < to && i - from < 80; i++) {
            if (b[i] == ':') {
                return new String(b, from, i - from, StandardCharsets.ISO_8859_1).strip().toLowerCase(java.util.Locale.ROOT);
            }
        }
        return "";
    }

    private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";

    /**
     * The common shape of {@code Date:} read without the general parser, which a mailbox of many
     * thousands of messages would otherwise spend most of its header time in:
     * {@code [Day, ]d Mon yyyy hh:mm[:ss] ±hhmm} followed by nothing or a comment. Anything else
     * returns {@link Long#MIN_VALUE} and goes to the general parser. The day name is not checked
     * against the date (the general parser would refuse a wrong one): a message whose client wrote a
     * wrong day name still has a day.
     */
    static long fastDate(String v) {
        int n = v.length();
        int i = 0;
        while (i < n && v.charAt(i) == ' ') {
            i++;
        }
        if (i + 4 < n && Character.isLetter(v.charAt(i)) && v.charAt(i + 3) == ',') {
            i += 4;
            while (i < n && v.charAt(i) == ' ') {
                i++;
            }
        }
        int[] p = {i};
        int day = number(v, p, 1, 2);
        if (day < 0 || !skip(v, p, ' ') || p[0] + 3 > n) {
            return Long.MIN_VALUE;
        }
        int m = MONTHS.indexOf(v.substring(p[0], p[0] + 3));
        if (m < 0 || m % 3 != 0) {
            return Long.MIN_VALUE;
        }
        p[0] += 3;
        if (!skip(v, p, ' ')) {
            return Long.MIN_VALUE;
        }
        int year = number(v, p, 4, 4);
        if (year < 0 || !skip(v, p, ' ')) {
            return Long.MIN_VALUE;
        }
        int hour = number(v, p, 2, 2);
        if (hour < 0 || !skip(v, p, ':')) {
            return Long.MIN_VALUE;
        }
        int minute = number(v, p, 2, 2);
        int second = 0;
        if (minute < 0) {
            return Long.MIN_VALUE;
        }
        if (p[0] < n && v.charAt(p[0]) == ':') {
            p[0]++;
            second = number(v, p, 2, 2);
            if (second < 0) {
                return Long.MIN_VALUE;
            }
        }
        if (!skip(v, p, ' ') || p[0] + 5 > n) {
            return Long.MIN_VALUE;
        }
        char sign = v.charAt(p[0]);
        if (sign != '+' && sign != '-') {
            return Long.MIN_VALUE;
        }
        p[0]++;
        int zone = number(v, p, 4, 4);
        if (zone < 0 || zone % 100 >= 60) {
            return Long.MIN_VALUE;
        }
        String rest = v.substring(p[0]).strip();
        if (!rest.isEmpty() && !(rest.startsWith("(") && rest.endsWith(")"))) {
            return Long.MIN_VALUE;
        }
        try {
            long local = java.time.LocalDateTime.of(year, m / 3 + 1, day, hour, minute, second).toEpochSecond(java.time.ZoneOffset.UTC);
            int offset = (zone / 100 * 3600 + zone % 100 * 60) * (sign == '-' ? -1 : 1);
            return local - offset;
        } catch (java.time.DateTimeException e) {
            return Long.MIN_VALUE; // 31 Feb and the like: the general parser says no as well
        }
    }

    private static int number(String v, int[] p, int min, int max) {
        int i = p[0];
        int value = 0;
        while (i < v.length() && i - p[0] < max && v.charAt(i) >= '0' && v.charAt(i) <= '9') {
            value = value * 10 + (v.charAt(i) - '0');
            i++;
        }
        if (i - p[0] < min) {
            return -1;
        }
        p[0] = i;
        return value;
    }

    private static boolean skip(String v, int[] p, char c) {
        if (p[0] < v.length() && v.charAt(p[0]) == c) {
            p[0]++;
            if (c == ' ') {
                while (p[0] < v.length() && v.charAt(p[0]) == ' ') {
                    p[0]++;
                }
            }
            return true;
        }
        return false;
    }

    /** Reads one line into {@code line} without its LF or CRLF; true at the end of the stream. */
    private static boolean readLine(InputStream in, ByteArrayOutputStream line) throws IOException {
        while (true) {
            int b = in.read();
            if (b < 0) {
                return true;
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                if (bytes.length > 0 && bytes[bytes.length - 1] == '\r') {
                    line.reset();
                    line.write(bytes, 0, bytes.length - 1);
                }
                return false;
            }
            if (line.size() < MAX_HEADER_BYTES) {
                line.write(b);
            }
        }
    }

    private static void add(List<Header> out, ByteArrayOutputStream raw) {
        byte[] bytes = raw.toByteArray();
        add(out, bytes, bytes.length);
    }

    private static void add(List<Header> out, byte[] raw, int length) {
        if (length == 0) {
            return;
        }
        String text = text(raw, length);
        int colon = text.indexOf(':');
        if (colon <= 0) {
            return;
        }
        String name = text.substring(0, colon).strip();
        if (name.isEmpty() || name.contains(" ")) {
            return; // "From sender date" of an mbox, or not a header at all
        }
        out.add(new Header(name, text.substring(colon + 1).strip()));
    }

    private static String text(byte[] bytes, int length) {
        boolean ascii = true;
        for (int i = 0; i < length; i++) {
            if (bytes[i] < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, 0, length)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
        }
    }
}
