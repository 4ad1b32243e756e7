package org.mailflow.ui;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.CancellationException;
import org.mailflow.cache.CacheException;
import org.mailflow.cache.PolicyStore;
import org.mailflow.demo.DemoGenerator;
import org.mailflow.ingest.BadInputException;
import org.mailflow.ingest.ImportCancelledException;
import org.mailflow.model.UserText;

/**
 * What a failure means to the user, in one or two sentences: never a stack trace. Known failures
 * carry their own message (file, line, what was expected); anything else is named by its kind.
 */
public final class ErrorMessages {
    private ErrorMessages() {
    }

    public static String of(Throwable t, I18n i18n) {
        Throwable e = t;
        while ((e instanceof java.util.concurrent.ExecutionException || e instanceof java.util.concurrent.CompletionException
                || e instanceof java.io.UncheckedIOException) && e.getCause() != null) {
            e = e.getCause();
        }
        if (org.mailflow.model.OutOfMemory.in(t).isPresent()) {
            return i18n.text(org.mailflow.model.OutOfMemory.message(org.mailflow.model.OutOfMemory.in(t).get()));
        }
        if (e instanceof UserText.Carrier c && c.userText() != null) {
            return i18n.text(c.userText());
        }
        if (e instanceof CacheException || e instanceof BadInputException || e instanceof PolicyStore.PolicyException
                || e instanceof DemoGenerator.DemoRefusedException) {
            return e.getMessage();
        }
        if (e instanceof ImportCancelledException || e instanceof CancellationException) {
            return i18n.get("error.cancelled");
        }
        if (e instanceof AccessDeniedException a) {
            return i18n.format("error.accessDenied", a.getFile());
        }
        if (e instanceof NoSuchFileException n) {
            return i18n.format("error.noSuchFile", n.getFile());
        }
        if (e instanceof IOException) {
            return i18n.format("error.io", String.valueOf(e.getMessage()));
        }
        return i18n.format("error.unexpected", e.getClass().getSimpleName(), e.getMessage() == null ? "" : e.getMessage());
    }

    /**
     * True for the failures {@link #of} has a message of their own for (bad input, a refused cache, a
     * file problem, a cancel): the user is told and can act. Anything else is a bug or a broken
     * installation, which is logged with its stack trace and shown in the unexpected-error dialog.
     * A checked exception of Mailflow's own is expected too: it was thrown on purpose, with a message.
     */
    public static boolean isExpected(Throwable t) {
        Throwable e = t;
        while ((e instanceof java.util.concurrent.ExecutionException || e instanceof java.util.concurrent.CompletionException
                || e instanceof java.io.UncheckedIOException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e instanceof UserText.Carrier c && c.userText() != null
                || e instanceof CacheException || e instanceof BadInputException || e instanceof PolicyStore.PolicyException
                || e instanceof DemoGenerator.DemoRefusedException || e instanceof ImportCancelledException
                || e instanceof CancellationException || e instanceof IOException
                // our own checked exceptions (GeoFileException: a chosen file that is not a database, …) are
                // thrown on purpose, with a message for the user; only runtime ones are bugs
                || e instanceof Exception && !(e instanceof RuntimeException) && e.getClass().getName().startsWith("org.mailflow.");
    }
}
