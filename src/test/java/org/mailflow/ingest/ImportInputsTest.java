package org.mailflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files a folder stands for, in import order, and the mail folder each belongs to (SPEC 5). */
class ImportInputsTest {
    @TempDir
    Path dir;

    private Path touch(String relative) throws IOException {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, "x\n");
    }

    private Path folder(String relative) throws IOException {
        return Files.createDirectories(dir.resolve(relative));
    }

    private static List<String> names(List<ImportInputs.Input> inputs) {
        return inputs.stream().map(i -> i.path().getFileName().toString()).toList();
    }

    // ---------------------------------------------------------------- order

    @Test
    void numberedRotationComesOldestFirstWhateverTheCreationOrder() throws Exception {
        Path logs = folder("logs");
        for (String n : List.of("mail.log.1", "mail.log", "mail.log.3.gz", "mail.log.10.gz", "mail.log.2.gz", "mail.log.9.gz")) {
            touch("logs/" + n);
        }

        List<ImportInputs.Input> inputs = ImportInputs.expand(List.of(logs));

        assertThat(names(inputs)).containsExactly("mail.log.10.gz", "mail.log.9.gz", "mail.log.3.gz", "mail.log.2.gz", "mail.log.1",
                "mail.log");
        assertThat(inputs).allMatch(ImportInputs.Input::discovered);
    }

    @Test
    void datedRotationComesOldestFirst() throws Exception {
        Path logs = folder("logs");
        for (String n : List.of("mail.log", "mail.log-20261108", "mail.log-20261101.gz", "mail.log-20261025.gz")) {
            touch("logs/" + n);
        }

        assertThat(names(ImportInputs.expand(List.of(logs))))
                .containsExactly("mail.log-20261025.gz", "mail.log-20261101.gz", "mail.log-20261108", "mail.log");
    }

    @Test
    void otherFilesComeInNameOrderAndEachLogKeepsItsRotationOrder() throws Exception {
        Path logs = folder("logs");
        for (String n : List.of("zebra.csv", "maillog", "export-2.csv", "mail.log.1", "maillog-20261101", "alpha.csv", "mail.log",
                "export-10.csv")) {
            touch("logs/" + n);
        }

        assertThat(names(ImportInputs.expand(List.of(logs)))).containsExactly("alpha.csv", "export-10.csv", "export-2.csv",
                "mail.log.1", "mail.log", "maillog-20261101", "maillog", "zebra.csv");
    }

    @Test
    void filesOfAFolderComeBeforeItsSubFoldersAndHiddenFilesAndMaildirTmpAreLeftOut() throws Exception {
        Path root = folder("mail");
        touch("mail/Maildir/cur/1:2,S");
        touch("mail/Maildir/new/2");
        touch("mail/Maildir/tmp/3");
        touch("mail/Maildir/.Junk/cur/4:2,S");
        touch("mail/Maildir/.DS_Store");
        touch("mail/notes/tmp/5.eml"); // not a Maildir: its tmp is an ordinary folder
        touch("mail/Junk.mbox");

        List<ImportInputs.Input> inputs = ImportInputs.expand(List.of(root));

        assertThat(inputs).extracting(i -> root.relativize(i.path()).toString().replace('\\', '/'))
                .containsExactly("Junk.mbox", "Maildir/.Junk/cur/4:2,S", "Maildir/cur/1:2,S", "Maildir/new/2", "notes/tmp/5.eml");
    }

    @Test
    void aNamedFileIsNotDiscovered() throws Exception {
        Path f = touch("x/mail.log");

        assertThat(ImportInputs.expand(List.of(f))).containsExactly(new ImportInputs.Input(f, "x", false));
    }

    @Test
    void anEmptyFolderIsBadInput() throws Exception {
        Path empty = folder("empty");

        BadInputException e = catchThrowableOfType(BadInputException.class, () -> ImportInputs.expand(List.of(empty)));

        assertThat(e).isNotNull();
        assertThat(e.file()).isEqualTo(empty);
        assertThat(e.getMessage()).contains("empty", "no files to import");
    }

    @Test
    void aFolderWithOnlyHiddenFilesOrAMaildirTmpIsBadInputToo() throws Exception {
        Path hidden = folder("hidden");
        touch("hidden/.DS_Store");
        Path maildir = folder("Maildir");
        folder("Maildir/cur");
        folder("Maildir/new");
        touch("Maildir/tmp/1794472200.M1P1.mx");

        assertThat(catchThrowableOfType(BadInputException.class, () -> ImportInputs.expand(List.of(hidden)))).isNotNull();
        assertThat(catchThrowableOfType(BadInputException.class, () -> ImportInputs.expand(List.of(maildir)))).isNotNull();
    }

    // ---------------------------------------------------------------- mail folders

    @Test
    void maildirOwnCurAndNewAreTheInbox() throws Exception {
        assertThat(ImportInputs.mailFolderOf(touch("Maildir/cur/1:2,S"))).isEqualTo("Inbox");
        assertThat(ImportInputs.mailFolderOf(touch("Maildir/new/2"))).isEqualTo("Inbox");
    }

    @Test
    void maildirPlusPlusFoldersAreNamedByTheirLastPart() throws Exception {
        folder("Maildir/cur");
        assertThat(ImportInputs.mailFolderOf(touch("Maildir/.Junk/cur/1:2,S"))).isEqualTo("Junk");
        assertThat(ImportInputs.mailFolderOf(touch("Maildir/.Archive.Junk/new/2"))).isEqualTo("Junk");
    }

    @Test
    void fsLayoutSubFolderIsNamedByItsFolder() throws Exception {
        folder("Maildir/cur");
        assertThat(ImportInputs.mailFolderOf(touch("Maildir/Junk/cur/1:2,S"))).isEqualTo("Junk");
    }

    @Test
    void emlBelongsToTheFolderThatHoldsIt() throws Exception {
        assertThat(ImportInputs.mailFolderOf(touch("export/Junk Email/offer.eml"))).isEqualTo("Junk Email");
    }

    @Test
    void mboxFileIsItsOwnFolder() {
        assertThat(ImportInputs.mboxFolderOf(Path.of("mail", "Junk.mbox"))).isEqualTo("Junk");
        assertThat(ImportInputs.mboxFolderOf(Path.of("mail", "Spam.mbox.gz"))).isEqualTo("Spam");
        assertThat(ImportInputs.mboxFolderOf(Path.of("Thunderbird", "Inbox"))).isEqualTo("Inbox");
        assertThat(ImportInputs.mailFolderOf(Path.of("mail", "Junk.mbox").toAbsolutePath())).isEqualTo("Junk");
    }
}
