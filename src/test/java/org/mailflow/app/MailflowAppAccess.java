package org.mailflow.app;

/** Package-private parts of {@link MailflowApp} that tests in other packages call. */
public final class MailflowAppAccess {
    private MailflowAppAccess() {
    }

    public static void tellIfLogStopped(AppContext context) {
        MailflowApp.tellIfLogStopped(context);
    }
}
