package org.mailflow.ingest.mailbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.mailflow.ingest.bytes.Newlines;

/**
 * The header section of one message (SPEC 5, "Mailboxes"): unfolded, names compared without regard
 * to case, with readers for what the bulk import needs: the BCL of {@code X-Microsoft-Antispam}, the
 * verdicts of {@code X-Forefront-Antispam-Report} (each also in its {@code -Untrusted} variant),
 * {@code X-Microsoft-Antispam-Mailbox-Delivery}, {@code X-MS-Exchange-Organization-SCL}, the
 * {@code From:} address ({@link FromAddress}), the {@code Date:} and the {@code Received:} stamps
 * ({@link Rfc5322Date}). Immutable once parsed.
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
    private final int cutAtLine;

    private MessageHeaders(List<Header> headers, int cutAtLine) {
        this.headers = List.copyOf(headers);
        this.cutAtLine = cutAtLine;
    }

    /**
     * Reads headers from {@code in} up to the first empty line (LF or CRLF) or the end of the stream;
     * the stream is left just after that empty line, so the caller may skip the body. Lines without
     * a colon (an mbox {@code From } line, garbage) and continuation lines before the first header
     * are ignored. Each value is decoded as UTF-8 (RFC 6532), or ISO-8859-1 when it is not valid UTF-8.
     * Header bytes beyond {@link #MAX_HEADER_BYTES} are read and dropped, and {@link #cutAtLine} tells
     * where that began. {@code in} should be buffered: it is read a byte at a time.
     */
    public static MessageHeaders parse(InputStream in) throws IOException {
        List<Header> out = new ArrayList<>();
        ByteArrayOutputStream current = new ByteArrayOutputStream();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        long kept = 0;
        int lineNumber = 0;
        int cut = 0;
        boolean[] longLine = new boolean[1];
        while (true) {
            line.reset();
            boolean eof = readLine(in, line, longLine);
            lineNumber++;
            byte[] bytes = line.toByteArray();
            if (bytes.length == 0) {
                break; // the blank line ending the headers, or the end of the stream
            }
            boolean continuation = bytes[0] == ' ' || bytes[0] == '\t';
            if (!continuation) {
                add(out, current);
                current.reset();
            }
            if (kept + bytes.length <= MAX_HEADER_BYTES && !longLine[0]) {
                if (!continuation || current.size() > 0) {
                    current.write(bytes);
                }
                kept += bytes.length;
            } else if (cut == 0) {
                cut = lineNumber;
                kept = MAX_HEADER_BYTES; // nothing after the cut is kept, so what is kept is a prefix
            }
            if (eof) {
                break;
            }
        }
        add(out, current);
        return new MessageHeaders(out, cut);
    }

    /**
     * The line (1 = the first of the header section) from which header bytes beyond
     * {@link #MAX_HEADER_BYTES} were dropped by {@link #parse(InputStream)}; 0 when the whole header
     * section was kept. A message cut so is damaged or not a message, and is reported, not read.
     */
    public int cutAtLine() {
        return cutAtLine;
    }

    /**
     * {@link #parse(InputStream)} of a byte array, without a stream: the header lines are cut out of
     * the array in place, which is what keeps a large mailbox fast.
     */
    public static MessageHeaders parse(byte[] headerBytes) {
        return parse(headerBytes, null);
    }

    /**
     * The fields that the readers of a bulk import need ({@link #bcl}, {@link #sfv}, {@link #scl},
     * {@link #organizationScl}, {@link #bulkCategory}, {@link #mailboxDest}, {@link #from},
     * {@link #dateEpochSecond} and {@link #newestReceivedEpochSecond}), lower-cased.
     */
    public static final java.util.Set<String> BULK_FIELDS = java.util.Set.of("from", "date", "received", "x-microsoft-antispam",
            "x-microsoft-antispam-untrusted", "x-forefront-antispam-report", "x-forefront-antispam-report-untrusted",
            "x-microsoft-antispam-mailbox-delivery", "x-ms-exchange-organization-scl");

    /**
     * {@link #parse(byte[])} keeping only the fields named in {@code wanted} (lower-case names; null
     * keeps all): the others (Received chains, signatures, the long Message-Info) are skipped
     * without being decoded.
     */
    public static MessageHeaders parse(byte[] headerBytes, java.util.Set<String> wanted) {
        List<Header> out = new ArrayList<>();
        String[] names = wanted == null ? null : wanted.toArray(new String[0]);
        boolean keep = true;
        byte[] current = new byte[256];
        int currentLength = 0;
        long kept = 0;
        int start = 0;
        int n = headerBytes.length;
        while (start < n) {
            int end = Newlines.indexOf(headerBytes, start, n);
            if (end < 0) {
                end = n;
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
                keep = names == null || isOneOf(headerBytes, start, start + length, names);
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
        return new MessageHeaders(out, 0);
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
     * The values of the headers called {@code name}, else of those called {@code name-Untrusted}:
     * Exchange Online renames the verdict headers of another Microsoft 365 tenant the message
     * crossed with that suffix (common in Outlook.com mail), and stamps its own under the plain name,
     * so the plain header wins when both exist (SPEC 5). The whole header wins, not field by field:
     * the verdicts of two tenants are never mixed.
     */
    private List<String> ownOrUntrusted(String name) {
        List<String> own = all(name);
        return own.isEmpty() ? all(name + "-Untrusted") : own;
    }

    /**
     * True when {@code X-Microsoft-Antispam} (exactly that name or its {@code -Untrusted} variant, so
     * not {@code X-Microsoft-Antispam-Message-Info}) has a {@code BCL} field, readable or not. A
     * message with none is skipped by the import; one with an unreadable BCL is malformed.
     */
    public boolean hasBcl() {
        return rawBcl().isPresent();
    }

    /** The BCL (0-9) of {@code X-Microsoft-Antispam[-Untrusted]}; empty when there is none or it is not 0-9. */
    public OptionalInt bcl() {
        Optional<String> raw = rawBcl();
        if (raw.isPresent() && raw.get().length() == 1 && raw.get().charAt(0) >= '0' && raw.get().charAt(0) <= '9') {
            return OptionalInt.of(raw.get().charAt(0) - '0');
        }
        return OptionalInt.empty();
    }

    private Optional<String> rawBcl() {
        return firstField(ownOrUntrusted("X-Microsoft-Antispam"), "BCL");
    }

    /**
     * {@code SFV} of {@code X-Forefront-Antispam-Report[-Untrusted]}, upper-cased ({@code SPM},
     * {@code NSPM}, {@code BLK}, {@code SFE}…).
     */
    public Optional<String> sfv() {
        return forefront("SFV").map(v -> v.toUpperCase(Locale.ROOT));
    }

    /** {@code SCL} of {@code X-Forefront-Antispam-Report[-Untrusted]} (-1 to 9); empty when absent or not a number. */
    public OptionalInt scl() {
        return sclOf(forefront("SCL"));
    }

    /**
     * {@code X-MS-Exchange-Organization-SCL} (-1 to 9), the SCL Exchange acted on, which a mail flow
     * rule may have set; empty when absent or not a number.
     */
    public OptionalInt organizationScl() {
        return sclOf(first("X-MS-Exchange-Organization-SCL"));
    }

    private static OptionalInt sclOf(Optional<String> v) {
        if (v.isPresent() && v.get().strip().matches("-?[0-9]{1,2}")) {
            return OptionalInt.of(Integer.parseInt(v.get().strip()));
        }
        return OptionalInt.empty();
    }

    /** True when {@code X-Forefront-Antispam-Report[-Untrusted]} has {@code CAT:BULK} or {@code SRV:BULK}. */
    public boolean bulkCategory() {
        return forefront("CAT").filter(v -> v.equalsIgnoreCase("BULK")).isPresent()
                || forefront("SRV").filter(v -> v.equalsIgnoreCase("BULK")).isPresent();
    }

    /**
     * {@code dest} of {@code X-Microsoft-Antispam-Mailbox-Delivery}, upper-cased: the folder the
     * mailbox put the message in ({@code I} Inbox, {@code J} Junk Email, {@code C} a folder chosen by
     * the user's rule); empty when absent.
     */
    public Optional<String> mailboxDest() {
        return firstField(all("X-Microsoft-Antispam-Mailbox-Delivery"), "dest").map(v -> v.toUpperCase(Locale.ROOT));
    }

    private Optional<String> forefront(String key) {
        return firstField(ownOrUntrusted("X-Forefront-Antispam-Report"), key);
    }

    private static Optional<String> firstField(List<String> values, String key) {
        for (String value : values) {
            Optional<String> v = field(value, key);
            if (v.isPresent()) {
                return v;
            }
        }
        return Optional.empty();
    }

    /** The value of {@code KEY:value} in a {@code ;}-separated list, key in any case, trimmed. */
    static Optional<String> field(String list, String key) {
        int n = list.length();
        int start = 0;
        while (start < n) {
            int end = list.indexOf(';', start);
            if (end < 0) {
                end = n;
            }
            int colon = list.indexOf(':', start);
            if (colon > start && colon < end && list.substring(start, colon).strip().equalsIgnoreCase(key)) {
                return Optional.of(list.substring(colon + 1, end).strip());
            }
            start = end + 1;
        }
        return Optional.empty();
    }

    /** The sender: the address of the first {@code From:}, read leniently ({@link FromAddress}), or why there is none. */
    public FromAddress.Result from() {
        return FromAddress.of(first("From").orElse(null));
    }

    /** The address {@link #from()} gives, if it gives one. */
    public Optional<String> fromAddress() {
        return Optional.ofNullable(from().address());
    }

    /** The display name of {@code From:}, RFC 2047 decoded and unquoted; empty when it has none. */
    public Optional<String> fromDisplayName() {
        return first("From").map(FromAddress::displayName).filter(n -> !n.isEmpty());
    }

    /** The UTC epoch second of {@code Date:} ({@link Rfc5322Date}); empty when absent or unreadable. */
    public OptionalLong dateEpochSecond() {
        long d = Rfc5322Date.epochSecond(first("Date").orElse(null));
        return d == Rfc5322Date.UNREADABLE ? OptionalLong.empty() : OptionalLong.of(d);
    }

    /**
     * The newest stamp of the {@code Received:} headers (the date after the last {@code ;} of each),
     * among those from 1990 to 2999; {@link Rfc5322Date#UNREADABLE} when there is none.
     */
    public long newestReceivedEpochSecond() {
        long newest = Rfc5322Date.UNREADABLE;
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase("Received")) {
                int semicolon = h.value().lastIndexOf(';');
                if (semicolon >= 0) {
                    long t = Rfc5322Date.epochSecond(h.value().substring(semicolon + 1));
                    if (MessageDay.plausible(t) && t > newest) {
                        newest = t;
                    }
                }
            }
        }
        return newest;
    }

    /**
     * True when the name before the colon of the header line {@code b[from..to)} is one of
     * {@code names} (lower-case), in any case; compared in place, since a mailbox has a hundred
     * header lines a message and most are not wanted.
     */
    private static boolean isOneOf(byte[] b, int from, int to, String[] names) {
        int colon = -1;
        for (int i = from; i < to && i - from < 80; i++) {
            if (b[i] == ':') {
                colon = i;
                break;
            }
        }
        int end = colon;
        while (end > from && (b[end - 1] == ' ' || b[end - 1] == '\t')) {
            end--;
        }
        int length = end - from;
        if (colon < 0 || length == 0) {
            return false;
        }
        for (String name : names) {
            if (name.length() == length && sameAsciiIgnoringCase(b, from, name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameAsciiIgnoringCase(byte[] b, int from, String lowerName) {
        for (int k = 0; k < lowerName.length(); k++) {
            int c = b[from + k];
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            if (c != lowerName.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads one line into {@code line} without its LF or CRLF, keeping at most
     * {@link #MAX_HEADER_BYTES} of it ({@code longLine[0]} tells whether more was dropped); true at
     * the end of the stream.
     */
    private static boolean readLine(InputStream in, ByteArrayOutputStream line, boolean[] longLine) throws IOException {
        longLine[0] = false;
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
            } else {
                longLine[0] = true;
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
