package org.mailflow.ingest.mailbox;

import java.util.Locale;
import java.util.OptionalInt;
import org.mailflow.bulk.Delivery;

/**
 * Where a message read from a mailbox ended up (SPEC 5, "Mailboxes"): the folder decides when it is
 * one of the known ones, since that is where the message really is; otherwise the verdict of
 * Exchange Online Protection in {@code X-Forefront-Antispam-Report} does.
 */
public final class MailboxDelivery {
    private MailboxDelivery() {
    }

    /**
     * The delivery of a message found in {@code folderName}:
     * <ol>
     * <li>folder {@code Inbox} → inbox; {@code Junk}, {@code Junk Email} (also {@code Junk E-mail}),
     *     {@code Spam} → junk; {@code Quarantine} → quarantine. Case, blanks, {@code -} and {@code _}
     *     are ignored; only the last part of a path counts ({@code Mail/Junk}, {@code [Gmail]/Spam});
     *     a Maildir++ name counts by its last part ({@code .Junk}, {@code .INBOX.Spam}); an
     *     {@code .mbox} suffix is dropped.</li>
     * <li>any other folder (or none): {@code SFV:SPM}, {@code SFV:BULK} or {@code SCL} ≥ 5 → junk,
     *     else inbox. {@code CAT:BULK}/{@code SRV:BULK} alone do not move a message: SPEC 5 lists only
     *     SFV and SCL, and EOP sets those itself when it acts on a bulk message.</li>
     * </ol>
     * Never {@link Delivery#DELETED} or {@link Delivery#UNKNOWN}: a message still in a mailbox was delivered.
     */
    public static Delivery delivery(String folderName, MessageHeaders headers) {
        Delivery byFolder = byFolder(folderName);
        if (byFolder != null) {
            return byFolder;
        }
        String sfv = headers.sfv().orElse("");
        OptionalInt scl = headers.scl();
        if (sfv.equals("SPM") || sfv.equals("BULK") || (scl.isPresent() && scl.getAsInt() >= 5)) {
            return Delivery.JUNK;
        }
        return Delivery.INBOX;
    }

    /** The delivery a folder name implies, or null when it implies none. */
    static Delivery byFolder(String folderName) {
        if (folderName == null) {
            return null;
        }
        String f = folderName.strip();
        int slash = Math.max(f.lastIndexOf('/'), f.lastIndexOf('\\'));
        f = f.substring(slash + 1).strip();
        if (f.toLowerCase(Locale.ROOT).endsWith(".mbox")) {
            f = f.substring(0, f.length() - 5);
        }
        if (f.startsWith(".")) {
            f = f.substring(f.lastIndexOf('.') + 1); // Maildir++: .Junk, .INBOX.Junk
        }
        String key = f.toLowerCase(Locale.ROOT).replaceAll("[\\s_-]", "");
        return switch (key) {
            case "inbox" -> Delivery.INBOX;
            case "junk", "junkemail", "spam" -> Delivery.JUNK;
            case "quarantine" -> Delivery.QUARANTINE;
            default -> null;
        };
    }
}
