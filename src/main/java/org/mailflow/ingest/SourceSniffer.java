package org.mailflow.ingest;

import org.mailflow.ingest.bytes.Newlines;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Recognises logs and mailboxes by their first lines (SPEC 5: "format is detected from content").
 * CSVs are recognised by their header elsewhere ({@link ImportFormat#detect}).
 *
 * <ul>
 * <li><b>mbox</b>: the content starts with a {@code From } separator line (or one of its first lines
 * is one, followed by a header field: text before the first separator is ignored).</li>
 * <li><b>Postfix</b>: a syslog line (classic or RFC 3339 stamp, host, {@code program[pid]:}) whose
 * program is a Postfix daemon under any {@code syslog_name} ({@code postfix/smtpd},
 * {@code postfix/submission/smtpd}, {@code mail-out/qmgr}).</li>
 * <li><b>Exim</b>: a line that starts with Exim's {@code YYYY-MM-DD hh:mm:ss} stamp and goes on with a
 * message id and an arrow ({@code <=}, {@code =>}, …) or one of Exim's own sentences; or a syslog
 * line (classic or RFC 3339 stamp, host) of a program whose name starts with {@code exim}, as Exim
 * logging through syslog writes it.</li>
 * <li><b>A mail log of other programs</b> (a {@code mail.err} of OpenDKIM, Dovecot or amavis lines): a
 * file whose recognised lines are all syslog lines of the mail programs in {@link #MAIL_PROGRAMS} is
 * read as a Postfix log, which passes them over and says the file holds nothing about SMTP AUTH
 * (SPEC 5: not bad input). MTAs this version does not read (OpenSMTPD, Sendmail) are not among them,
 * so their logs are refused rather than reported as holding nothing.</li>
 * <li><b>message</b> ({@code .eml}, Maildir): the content starts with a header field and its header
 * section holds at least two of the fields every message has ({@code From:}, {@code Date:},
 * {@code Received:}, {@code Message-ID:}, …).</li>
 * </ul>
 * Messages are recognised before logs, because a message's body may quote log lines. A log is
 * decided by a majority of the recognised lines in the first part of the file, so a
 * {@code mail.log} that also holds Dovecot or OpenDKIM lines is still a Postfix log.
 */
final class SourceSniffer {
    private static final Set<String> POSTFIX_DAEMONS = Set.of("smtpd", "smtp", "qmgr", "oqmgr", "nqmgr", "cleanup", "pickup",
            "local", "lmtp", "virtual", "pipe", "anvil", "bounce", "defer", "trace", "error", "retry", "discard", "master",
            "postscreen", "dnsblog", "tlsproxy", "tlsmgr", "scache", "showq", "verify", "flush", "proxymap", "trivial-rewrite",
            "postfix-script", "postdrop", "postqueue", "postsuper", "sendmail", "postlog", "spawn", "qmqpd", "postmap");

    private static final Pattern EXIM_LINE = Pattern.compile(
            "^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?(?: ?[+-]\\d{2}:?\\d{2})?(?: \\[\\d+\\])? "
                    + "(?:[0-9A-Za-z]{6}-[0-9A-Za-z]{6,11}-[0-9A-Za-z]{2,4} (?:<=|=>|->|>>|\\*>|\\*\\*|==|Completed|Frozen|SMTP error|H=)"
                    + "|Start queue run|End queue run|exim [0-9.]+ daemon started|SMTP connection from|SMTP protocol|"
                    + "[A-Za-z0-9_]+ authenticator failed|H=|no host name found|unexpected disconnection|TLS error)");

    private static final Set<String> MESSAGE_FIELDS = Set.of("from", "date", "received", "message-id", "return-path", "subject",
            "delivered-to", "to", "mime-version", "x-microsoft-antispam", "x-forefront-antispam-report", "content-type");

    private static final int MAX_LINE = 4096;

    private SourceSniffer() {
    }

    /** The log or mailbox format of content starting with {@code head}, if it is one. */
    static Optional<ImportFormat> sniff(byte[] content, int length) {
        byte[] head = content;
        if (CrLineEnds.isCrOnly(content, length)) {
            head = java.util.Arrays.copyOf(content, length); // an old Mac file: read its lines as lines
            CrLineEnds.convert(head, length);
        }
        if (startsWith(head, length, "From ")) {
            return Optional.of(ImportFormat.MBOX);
        }
        // Before the logs: a message's body may quote log lines (a logwatch report), while a log's
        // first line never reads as a header field of a message.
        if (isMessage(head, length)) {
            return Optional.of(ImportFormat.MESSAGE);
        }
        int postfix = 0;
        int exim = 0;
        int mail = 0;
        int lines = 0;
        int start = 0;
        while (start < length && lines < 2000) {
            int end = indexOf(head, start, length, (byte) '\n');
            if (end < 0) {
                end = length; // the last line may be cut by the head's end; it is still read
            }
            int len = Math.min(end - start, MAX_LINE);
            String line = new String(head, start, len, StandardCharsets.ISO_8859_1);
            if (isPostfix(line)) {
                postfix++;
            } else if (EXIM_LINE.matcher(line).find() || isEximThroughSyslog(line)) {
                exim++;
            } else if (isMailProgram(line)) {
                mail++;
            }
            lines++;
            start = end + 1;
        }
        if (postfix > 0 || exim > 0) {
            return Optional.of(postfix >= exim ? ImportFormat.POSTFIX : ImportFormat.EXIM);
        }
        if (mail > 0) {
            return Optional.of(ImportFormat.POSTFIX); // a mail log: which MTA, if any, later lines say (firstMailer)
        }
        return mboxAfterPreamble(head, length) ? Optional.of(ImportFormat.MBOX) : Optional.empty();
    }

    /**
     * "tar" or "zip" when the content (already decompressed, if it was a {@code .gz}) is such an
     * archive, else null: the POSIX {@code ustar} magic at offset 257, or a zip's local header. A tar of
     * logs holds log lines between its binary headers, which must not be read as one log.
     */
    static String archive(byte[] head, int length) {
        if (length >= 263 && head[257] == 'u' && head[258] == 's' && head[259] == 't' && head[260] == 'a' && head[261] == 'r'
                && (head[262] == 0 || head[262] == ' ')) {
            return "tar";
        }
        if (length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return "zip";
        }
        return null;
    }

    /**
     * True when the head is not text a log or a mailbox could hold: a NUL byte, or more than one byte
     * in a hundred that is a control character other than tab, line ends, form feed and escape, in its
     * first 8 KB. A log or mailbox is text; an image, archive or database is not, whatever
     * {@code --format} says.
     */
    static boolean looksBinary(byte[] head, int length) {
        int scan = Math.min(length, 8192);
        int controls = 0;
        for (int i = 0; i < scan; i++) {
            int b = head[i] & 0xff;
            if (b == 0) {
                return true;
            }
            if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != 0x0c && b != 0x1b) {
                controls++;
            }
        }
        return controls * 100 > scan;
    }

    /**
     * True when the head holds lines of the {@link #MAIL_PROGRAMS} but none of Postfix or Exim: a mail
     * log whose MTA, if any, shows only further on (a shared {@code mail.log} that starts with a burst of
     * Dovecot lines after a rotation). {@link #firstMailer} then reads on to find out.
     */
    static boolean mailProgramsOnly(byte[] content, int length) {
        byte[] head = content;
        if (CrLineEnds.isCrOnly(content, length)) {
            head = java.util.Arrays.copyOf(content, length);
            CrLineEnds.convert(head, length);
        }
        boolean mail = false;
        int start = 0;
        for (int lines = 0; start < length && lines < 2000; lines++) {
            int end = indexOf(head, start, length, (byte) '\n');
            if (end < 0) {
                end = length;
            }
            String line = new String(head, start, Math.min(end - start, MAX_LINE), StandardCharsets.ISO_8859_1);
            if (isPostfix(line) || EXIM_LINE.matcher(line).find() || isEximThroughSyslog(line)) {
                return false;
            }
            mail |= isMailProgram(line);
            start = end + 1;
        }
        return mail;
    }

    /**
     * The MTA of the first line of Postfix or Exim in {@code lines} (read to its end if need be), or
     * {@link ImportFormat#POSTFIX} when there is none: that parser passes every other line over and
     * the file is reported as holding nothing about SMTP AUTH.
     */
    static ImportFormat firstMailer(java.io.InputStream lines) throws java.io.IOException {
        java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(lines, StandardCharsets.ISO_8859_1), 1 << 16);
        String line;
        while ((line = r.readLine()) != null) {
            String l = line.length() > MAX_LINE ? line.substring(0, MAX_LINE) : line;
            if (isPostfix(l)) {
                return ImportFormat.POSTFIX;
            }
            if (EXIM_LINE.matcher(l).find() || isEximThroughSyslog(l)) {
                return ImportFormat.EXIM;
            }
        }
        return ImportFormat.POSTFIX;
    }

    /** A syslog line whose program is a Postfix daemon. */
    static boolean isPostfix(String line) {
        int i;
        if (line.length() > 20 && Character.isDigit(line.charAt(0)) && line.charAt(4) == '-' && line.charAt(10) == 'T') {
            i = line.indexOf(' ');
        } else if (line.length() > 16 && line.charAt(3) == ' ' && Character.isLetter(line.charAt(0))) {
            int d = 4;
            while (d < line.length() && line.charAt(d) == ' ') {
                d++;
            }
            int afterDay = line.indexOf(' ', d);
            i = afterDay < 0 ? -1 : line.indexOf(' ', afterDay + 1);
        } else {
            return false;
        }
        if (i < 0) {
            return false;
        }
        int hostEnd = line.indexOf(' ', i + 1);
        if (hostEnd < 0) {
            return false;
        }
        int tagEnd = line.indexOf(": ", hostEnd + 1);
        if (tagEnd < 0) {
            return false;
        }
        String tag = line.substring(hostEnd + 1, tagEnd);
        int open = tag.indexOf('[');
        String program = open >= 0 ? tag.substring(0, open) : tag;
        int slash = program.lastIndexOf('/');
        if (slash < 0 || program.indexOf(' ') >= 0) {
            return false;
        }
        return POSTFIX_DAEMONS.contains(program.substring(slash + 1));
    }

    /**
     * The syslog programs of a mail server that are not an MTA this version reads: filters, IMAP/POP
     * servers, SASL daemons. Their lines are passed over; a file of nothing else is a mail log that
     * holds nothing about SMTP AUTH.
     */
    static final Set<String> MAIL_PROGRAMS = Set.of("dovecot", "opendkim", "opendmarc", "amavis", "amavisd", "amavisd-new",
            "spamd", "spamc", "spamass-milter", "clamd", "clamav-milter", "freshclam", "postgrey", "policyd-spf",
            "policyd-weight", "rspamd", "saslauthd", "sqlgrey", "milter-greylist", "mimedefang", "fetchmail", "procmail",
            "dkimproxy.in", "dkimproxy.out", "imapd", "pop3d", "imap", "pop3", "lmtpunix", "master", "cyrus", "mailman");

    /** A syslog line logged by a program whose name starts with {@code exim} ({@code exim}, {@code exim4}). */
    static boolean isEximThroughSyslog(String line) {
        org.mailflow.ingest.logs.SyslogPrefix p = org.mailflow.ingest.logs.SyslogPrefix.parse(line);
        return p != null && p.program().regionMatches(true, 0, "exim", 0, 4);
    }

    /**
     * A syslog line of one of the {@link #MAIL_PROGRAMS}; the program is the tag's last path element
     * ({@code cyrus/imap}, {@code dovecot/imap-login} count by {@code imap} and {@code dovecot}).
     */
    static boolean isMailProgram(String line) {
        org.mailflow.ingest.logs.SyslogPrefix p = org.mailflow.ingest.logs.SyslogPrefix.parse(line);
        if (p == null) {
            return false;
        }
        String program = p.program().toLowerCase(Locale.ROOT);
        int slash = program.indexOf('/');
        return MAIL_PROGRAMS.contains(program) || slash > 0 && (MAIL_PROGRAMS.contains(program.substring(0, slash))
                || MAIL_PROGRAMS.contains(program.substring(program.lastIndexOf('/') + 1)));
    }

    /**
     * An mbox with text before its first {@code From } separator (which the reader ignores): a line
     * of the first few that starts with {@code From } and is followed by a header field.
     */
    private static boolean mboxAfterPreamble(byte[] head, int length) {
        int start = 0;
        for (int line = 0; line < 20 && start < length; line++) {
            int end = indexOf(head, start, length, (byte) '\n');
            if (end < 0) {
                return false;
            }
            if (end - start > 5 && startsWith(head, start, end, "From ")) {
                return isMessage(java.util.Arrays.copyOfRange(head, end + 1, length), length - end - 1);
            }
            start = end + 1;
        }
        return false;
    }

    /**
     * A header section with at least two of the fields that every message has. Lines end in LF or
     * CRLF, or in a lone CR when the head has no LF at all ({@link CrLineEnds}). A head that holds
     * no line end at all is a message when it starts with a header field name (a letter, then
     * letters, digits and hyphens) and a colon and fills the whole head: a message whose first header
     * is longer than the head (the importer reports it as a bad message) rather than some other file.
     */
    private static boolean isMessage(byte[] head, int length) {
        boolean crOnly = CrLineEnds.isCrOnly(head, length);
        byte eol = crOnly ? (byte) '\r' : (byte) '\n';
        if (!crOnly && indexOf(head, 0, length, eol) < 0) {
            return length >= org.mailflow.cache.SourceStore.HEAD_BYTES && startsWithFieldName(head, length);
        }
        int start = 0;
        int known = 0;
        boolean first = true;
        boolean cut = false;
        while (start < length) {
            int end = indexOf(head, start, length, eol);
            if (end < 0) {
                end = length;
                cut = length >= org.mailflow.cache.SourceStore.HEAD_BYTES;
            }
            int stop = end > start && head[end - 1] == '\r' ? end - 1 : end;
            if (stop == start) {
                break; // the blank line that ends the header section
            }
            byte b = head[start];
            if (b != ' ' && b != '\t') {
                int colon = -1;
                for (int k = start; k < stop; k++) {
                    byte c = head[k];
                    if (c == ':') {
                        colon = k;
                        break;
                    }
                    if (c <= 32 || c >= 127) {
                        break;
                    }
                }
                if (colon <= start) {
                    return false; // not a header field: not a message
                }
                String name = new String(head, start, colon - start, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
                if (MESSAGE_FIELDS.contains(name)) {
                    known++;
                }
            } else if (first) {
                return false;
            }
            first = false;
            start = end + 1;
        }
        // Header fields up to a field cut by the head's end: a message with an oversized header line
        // (the importer reports it as a bad message), even if only one known field came before it.
        return known >= 2 || cut && known >= 1;
    }

    /** A letter, then letters, digits and hyphens, then a colon, within the first 100 bytes. */
    private static boolean startsWithFieldName(byte[] head, int length) {
        if (length == 0 || !(head[0] >= 'a' && head[0] <= 'z' || head[0] >= 'A' && head[0] <= 'Z')) {
            return false;
        }
        for (int i = 1; i < Math.min(length, 100); i++) {
            byte c = head[i];
            if (c == ':') {
                return true;
            }
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-')) {
                return false;
            }
        }
        return false;
    }

    private static boolean startsWith(byte[] head, int length, String prefix) {
        return startsWith(head, 0, length, prefix);
    }

    private static boolean startsWith(byte[] b, int from, int to, String prefix) {
        if (to - from < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (b[from + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    static int indexOf(byte[] b, int from, int to, byte value) {
        if (value == '\n') {
            return Newlines.indexOf(b, from, to);
        }
        for (int i = from; i < to; i++) {
            if (b[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
