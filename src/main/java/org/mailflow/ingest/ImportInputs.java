package org.mailflow.ingest;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mailflow.model.UserText;

/**
 * Turns what the user dropped or named (files and folders) into the files to import, in order.
 *
 * <p>A folder is walked, sub-folders included. Within a folder, files are in name order except
 * rotated logs, which come oldest first: {@code mail.log.3.gz}, {@code mail.log.2.gz},
 * {@code mail.log.1}, {@code mail.log} (numbered rotation, higher number older) and
 * {@code mail.log-20261101.gz} before {@code mail.log-20261108} before {@code mail.log}
 * (dated rotation). The {@code tmp} folder of a Maildir (messages still being delivered) and hidden
 * files ({@code .DS_Store}) are left out; hidden <em>folders</em> are walked, because Maildir++
 * keeps its sub-folders in them ({@code .Junk}).
 *
 * <p>Each file gets the name of its mail folder, which decides the delivery of the bulk messages in
 * it (SPEC 5): a Maildir file ({@code …/cur/…}, {@code …/new/…}) belongs to the Maildir folder
 * above ({@code .Junk} → {@code Junk}, {@code .Archive.Junk} → {@code Junk}; the {@code cur}/{@code new}
 * of a top Maildir named {@code Maildir} are the {@code Inbox}, those of a Maildir per folder such as
 * {@code Mail/Junk} belong to its folder); an mbox file is its own folder ({@code Junk.mbox} →
 * {@code Junk}); any other file belongs to the folder that holds it ({@code Junk Email/1.eml}).
 *
 * <p>What cannot be read is never walked for ever nor waited on: each real folder is walked once
 * (links that lead back to a folder already walked, even to itself, are not followed again), and a
 * link to a folder outside the named one (its parent, {@code /}) is not followed but listed; a named
 * input that is neither a regular file nor a folder (a named pipe, which would block the import until
 * something writes to it, a socket, a device) is bad input; in a folder, such entries and sub-folders
 * that cannot be read are passed over and listed in the summary ({@link Input#skipped()}).
 */
final class ImportInputs {
    private static final Pattern NUMBERED = Pattern.compile("(.*)\\.(\\d{1,4})");
    private static final Pattern DATED = Pattern.compile("(.*)-(\\d{8}(?:\\d{2})?)");

    /**
     * One file to import; {@code discovered} when it was found in a folder rather than named;
     * {@code skipped} says why an entry found in a folder is passed over without being read (it is
     * not a regular file, or a folder that cannot be read), null for a file to read.
     */
    record Input(Path path, String mailFolder, boolean discovered, UserText skippedText, long size) {
        Input(Path path, String mailFolder, boolean discovered) {
            this(path, mailFolder, discovered, null, -1);
        }

        Input(Path path, String mailFolder, boolean discovered, UserText skippedText) {
            this(path, mailFolder, discovered, skippedText, -1);
        }

        /** Why it is passed over, in the environment's language; null for a file to read. */
        String skipped() {
            return skippedText == null ? null : skippedText.toString();
        }
    }

    /** Lists a folder; {@link Files#newDirectoryStream(Path)}, or a stand-in that fails for tests. */
    @FunctionalInterface
    interface Lister {
        DirectoryStream<Path> list(Path dir) throws IOException;
    }

    static final UserText NOT_A_FILE = UserText.of("input.notAFile");

    private ImportInputs() {
    }

    static List<Input> expand(List<Path> paths) throws BadInputException {
        return expand(paths, Files::newDirectoryStream);
    }

    static List<Input> expand(List<Path> paths, Lister lister) throws BadInputException {
        List<Input> out = new ArrayList<>();
        Set<Path> walked = new HashSet<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                int before = out.size();
                walk(p, out, walked, lister, true, realOrSelf(p));
                if (out.stream().skip(before).allMatch(i -> i.skippedText() != null)) {
                    throw new BadInputException(p, 0, UserText.of("input.emptyFolder"));
                }
            } else if (Files.isRegularFile(p) || !Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                out.add(new Input(p, mailFolderOf(p), false)); // one that does not exist is reported when opened
            } else {
                throw new BadInputException(p, 0, UserText.of("input.isNotAFile", NOT_A_FILE));
            }
        }
        return out;
    }

    /** The real path of {@code p}, or {@code p} made absolute when it has none (it does not exist). */
    private static Path realOrSelf(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }

    static final UserText OUTSIDE = UserText.of("input.skip.outside");

    private static void walk(Path dir, List<Input> out, Set<Path> walked, Lister lister, boolean named, Path root)
            throws BadInputException {
        try {
            if (!walked.add(dir.toRealPath())) {
                return; // a link back to a folder walked already
            }
        } catch (IOException e) {
            // the real path is only needed to recognise links; listing reports what is wrong
            org.slf4j.LoggerFactory.getLogger(ImportInputs.class).debug("no real path: {}", e.toString());
        }
        List<Path> files = new ArrayList<>();
        java.util.Map<Path, Long> sizes = new java.util.HashMap<>();
        List<Path> dirs = new ArrayList<>();
        List<Path> others = new ArrayList<>();
        try (DirectoryStream<Path> ds = lister.list(dir)) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                // one stat for both questions (links followed, as Files.isDirectory and isRegularFile do)
                BasicFileAttributes attributes = attributes(p);
                if (attributes != null && attributes.isDirectory()) {
                    if (!(name.equals("tmp") && isMaildir(dir))) {
                        dirs.add(p);
                    }
                } else if (!name.startsWith(".")) {
                    if (attributes != null && attributes.isRegularFile()) {
                        files.add(p);
                        sizes.put(p, attributes.size());
                    } else {
                        others.add(p);
                    }
                }
            }
        } catch (IOException | DirectoryIteratorException e) {
            IOException cause = e instanceof DirectoryIteratorException d ? d.getCause() : (IOException) e;
            UserText why = cause instanceof AccessDeniedException ? UserText.of("input.why.denied")
                    : cause instanceof NoSuchFileException ? UserText.of("input.why.missing")
                    : UserText.of("input.bad.plain", String.valueOf(cause.getMessage()));
            if (named) {
                throw new BadInputException(dir, 0, UserText.of("input.folderUnreadable", why), cause);
            }
            out.add(new Input(dir, "", true, UserText.of("input.skip.folderUnreadable", why)));
            return;
        }
        sortNames(files);
        dirs.sort(Comparator.comparing(p -> p.getFileName().toString()));
        others.sort(Comparator.comparing(p -> p.getFileName().toString()));
        // Every file of a Maildir's cur or new belongs to the same mail folder: worked out once, as it
        // looks for the folders beside the Maildir (two stats a file in a Maildir of 200 000 messages).
        String dirName = name(dir);
        String shared = (dirName.equals("cur") || dirName.equals("new")) && !files.isEmpty() ? mailFolderOf(files.get(0)) : null;
        for (Path f : files) {
            out.add(new Input(f, shared != null ? shared : mailFolderOf(f), true, null, sizes.get(f)));
        }
        for (Path o : others) {
            out.add(new Input(o, "", true, NOT_A_FILE));
        }
        for (Path d : dirs) {
            if (Files.isSymbolicLink(d) && !realOrSelf(d).startsWith(root)) {
                out.add(new Input(d, "", true, OUTSIDE)); // logs/up -> .. would import the whole home folder
                continue;
            }
            walk(d, out, walked, lister, false, root);
        }
    }

    /** A folder with {@code cur} or {@code new} inside is a Maildir (or a Maildir++ sub-folder). */
    static boolean isMaildir(Path dir) {
        return Files.isDirectory(dir.resolve("cur")) || Files.isDirectory(dir.resolve("new"));
    }

    /** The mail folder a file belongs to (see the class comment). */
    static String mailFolderOf(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        if (parent == null) {
            return "";
        }
        String parentName = name(parent);
        if ((parentName.equals("cur") || parentName.equals("new")) && parent.getParent() != null) {
            Path maildir = parent.getParent();
            String folder = name(maildir);
            if (folder.startsWith(".") && folder.length() > 1) {
                return folder.substring(folder.lastIndexOf('.') + 1); // Maildir++: .Junk, .Archive.Junk
            }
            Path above = maildir.getParent();
            if (above != null && isMaildir(above)) {
                return folder; // a sub-folder in the "fs" layout: Maildir/Junk/cur
            }
            // The top Maildir ("Maildir", "~/Maildir") is the Inbox; a Maildir per folder, as mbsync and
            // offlineimap write them (Mail/INBOX, Mail/Junk), is named by its folder.
            return folder.toLowerCase(Locale.ROOT).endsWith("maildir") ? "Inbox" : folder;
        }
        String own = name(file);
        String lower = own.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".gz")) {
            own = own.substring(0, own.length() - 3);
            lower = lower.substring(0, lower.length() - 3);
        }
        if (lower.endsWith(".mbox") || lower.endsWith(".mbx")) {
            return own.substring(0, own.lastIndexOf('.'));
        }
        if (lower.endsWith(".eml")) {
            return parentName;
        }
        // Without an extension the file may be an mbox named after its folder (Thunderbird: "Junk");
        // the importer decides which of the two names to use once it knows the format.
        return parentName;
    }

    /** The folder name for an mbox file: its own name without extensions. */
    static String mboxFolderOf(Path file) {
        String own = name(file);
        String lower = own.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".gz")) {
            own = own.substring(0, own.length() - 3);
            lower = lower.substring(0, lower.length() - 3);
        }
        int dot = own.lastIndexOf('.');
        if (dot > 0 && (lower.endsWith(".mbox") || lower.endsWith(".mbx") || lower.endsWith(".txt"))) {
            own = own.substring(0, dot);
        }
        return own;
    }

    private static String name(Path p) {
        Path n = p.getFileName();
        return n == null ? "" : n.toString();
    }

    /** The attributes of {@code p}, following links; null when they cannot be read (a broken link). */
    private static BasicFileAttributes attributes(Path p) {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The rotated series of a log file: its folder and its name without the rotation's number or date
     * and without {@code .gz} ({@code /var/log/mail.log} for {@code /var/log/mail.log.2.gz}). The files of
     * one series are next to each other in the import's order, oldest first.
     */
    static String seriesOf(Path file) {
        Path abs = file.toAbsolutePath();
        Path folder = abs.getParent();
        String base = Rotation.of(name(abs)).base;
        return folder == null ? base : folder.resolve(base).toString();
    }

    /** Name order, except that rotated copies of a log come before it, oldest first. */
    static int compareNames(Path a, Path b) {
        return compareNames(name(a), name(b));
    }

    /** {@link #compareNames(Path, Path)} on file names. */
    static int compareNames(String a, String b) {
        return compare(Rotation.of(a), a, Rotation.of(b), b);
    }

    /** The name of the rotated series a file name belongs to: {@code mail.log} for {@code mail.log.2.gz} or {@code mail.log-20261112}. */
    static String seriesBase(String name) {
        return Rotation.of(name).base;
    }

    /**
     * Sorts {@code files} as {@link #compareNames} orders them, working out each name's rotation once:
     * in a folder of 50 000 files, the regular expressions run by every comparison of the sort were a
     * quarter of a re-import that found nothing new (issue 15).
     */
    static void sortNames(List<Path> files) {
        record Keyed(Path path, String name, Rotation rotation) {
        }
        List<Keyed> keyed = new ArrayList<>(files.size());
        for (Path f : files) {
            String n = name(f);
            keyed.add(new Keyed(f, n, Rotation.of(n)));
        }
        keyed.sort((a, b) -> compare(a.rotation(), a.name(), b.rotation(), b.name()));
        files.clear();
        for (Keyed k : keyed) {
            files.add(k.path());
        }
    }

    private static int compare(Rotation ra, String nameA, Rotation rb, String nameB) {
        int c = ra.base.compareTo(rb.base);
        if (c != 0) {
            return c;
        }
        c = Integer.compare(ra.kind, rb.kind);
        if (c != 0) {
            return c;
        }
        c = Long.compare(ra.order, rb.order);
        return c != 0 ? c : nameA.compareTo(nameB);
    }

    /** Where a file name stands in its log's rotation: kind 0 dated, 1 numbered, 2 the live file. */
    private record Rotation(String base, int kind, long order) {
        static Rotation of(String name) {
            String n = name.toLowerCase(Locale.ROOT).endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
            Matcher m = NUMBERED.matcher(n);
            if (m.matches()) {
                return new Rotation(m.group(1), 1, -Long.parseLong(m.group(2)));
            }
            m = DATED.matcher(n);
            if (m.matches()) {
                return new Rotation(m.group(1), 0, Long.parseLong(m.group(2)));
            }
            return new Rotation(n, 2, 0);
        }
    }
}
