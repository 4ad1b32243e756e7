package org.mailflow.ingest.mailbox;

import java.util.Locale;
import java.util.OptionalInt;
import org.mailflow.bulk.Delivery;

/**
 * Where a message read from a mailbox ended up (SPEC 5, "Mailboxes"): the folder decides when it is
 * one of the known ones, since that is where the message really is; otherwise what the mailbox wrote
 * when it filed the message ({@code X-Microsoft-Antispam-Mailbox-Delivery}), and failing that the
 * verdict of Exchange Online Protection.
 */
public final class MailboxDelivery {
    private MailboxDelivery() {
    }

    /**
     * The delivery of a message found in {@code folderName}, by the first rule that decides:
     * <ol>
     * <li>the folder ({@link #byFolder}): Inbox; junk, quarantine and deleted folders.</li>
     * <li>{@code X-Microsoft-Antispam-Mailbox-Delivery: …dest:J…} → junk, {@code dest:I} → inbox.
     *     Other values do not decide: {@code dest:C} is a folder the user's own rule chose, which says
     *     nothing about junk, and no other value is documented.</li>
     * <li>{@code X-Forefront-Antispam-Report[-Untrusted]} with {@code SFV:SPM} (spam), {@code SFV:BLK}
     *     (the recipient's blocked senders), {@code SFV:BULK}, {@code SRV:BULK} or {@code CAT:BULK}
     *     (bulk), or an SCL ≥ 5 in that header or in {@code X-MS-Exchange-Organization-SCL} → junk.</li>
     * <li>else inbox.</li>
     * </ol>
     * Never {@link Delivery#UNKNOWN}: a message still in a mailbox was delivered somewhere.
     */
    public static Delivery delivery(String folderName, MessageHeaders headers) {
        Delivery byFolder = byFolder(folderName);
        if (byFolder != null) {
            return byFolder;
        }
        String dest = headers.mailboxDest().orElse("");
        if (dest.equals("J")) {
            return Delivery.JUNK;
        }
        if (dest.equals("I")) {
            return Delivery.INBOX;
        }
        String sfv = headers.sfv().orElse("");
        if (sfv.equals("SPM") || sfv.equals("BLK") || sfv.equals("BULK") || headers.bulkCategory()
                || atLeast5(headers.scl()) || atLeast5(headers.organizationScl())) {
            return Delivery.JUNK;
        }
        return Delivery.INBOX;
    }

    private static boolean atLeast5(OptionalInt scl) {
        return scl.isPresent() && scl.getAsInt() >= 5;
    }

    /**
     * The delivery a folder name implies, or null when it implies none. Only the last part of a path
     * counts ({@code Mail/Junk}, {@code [Gmail]/Spam}), a Maildir++ name by its last part
     * ({@code .Junk}, {@code .INBOX.Spam}), an {@code .mbox} or {@code .mbx} suffix is dropped, and
     * case, blanks, {@code -} and {@code _} are ignored. The English names that mail clients and
     * servers give these folders:
     * <ul>
     * <li>inbox: {@code Inbox};</li>
     * <li>junk: {@code Junk}, {@code Junk Email}, {@code Junk E-mail} (Outlook), {@code Junk Mail},
     *     {@code Spam} (Gmail, many servers), {@code Bulk Mail} and {@code Bulk} (Yahoo);</li>
     * <li>quarantine: {@code Quarantine};</li>
     * <li>deleted: {@code Deleted Items} (Outlook, Exchange), {@code Deleted Messages} (Apple Mail),
     *     {@code Trash} (Gmail, Thunderbird, Dovecot).</li>
     * </ul>
     * Other languages' names are not recognised: such a folder falls to the headers.
     */
    static Delivery byFolder(String folderName) {
        if (folderName == null) {
            return null;
        }
        String f = folderName.strip();
        int slash = Math.max(f.lastIndexOf('/'), f.lastIndexOf('\\'));
        f = f.substring(slash + 1).strip();
        String lower = f.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".mbox") || lower.endsWith(".mbx")) {
            f = f.substring(0, f.length() - 5 + (lower.endsWith(".mbx") ? 1 : 0));
        }
        if (f.startsWith(".")) {
            f = f.substring(f.lastIndexOf('.') + 1); // Maildir++: .Junk, .INBOX.Junk
        }
        String key = f.toLowerCase(Locale.ROOT).replaceAll("[\\s_-]", "");
        return switch (key) {
            case "inbox" -> Delivery.INBOX;
            case "junk", "junkemail", "junkmail", "spam", "bulkmail", "bulk" -> Delivery.JUNK;
            case "quarantine" -> Delivery.QUARANTINE;
            case "deleteditems", "deletedmessages", "trash" -> Delivery.DELETED;
            default -> null;
        };
    }
}
