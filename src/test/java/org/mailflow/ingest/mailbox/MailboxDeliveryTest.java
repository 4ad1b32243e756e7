package org.mailflow.ingest.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mailflow.bulk.Delivery;

/**
 * SPEC 5, "Mailboxes": delivery is the folder, else {@code X-Microsoft-Antispam-Mailbox-Delivery}'s
 * {@code dest:}, else the EOP verdicts, else inbox.
 */
class MailboxDeliveryTest {
    private static final String SPAM = "X-Forefront-Antispam-Report: SFV:SPM;SCL:9;\nX-Microsoft-Antispam-Mailbox-Delivery: dest:J;\n";
    private static final String CLEAN = "X-Forefront-Antispam-Report: SFV:NSPM;SCL:1;\nX-Microsoft-Antispam-Mailbox-Delivery: dest:I;\n";

    private static Delivery delivery(String folder, String headerLines) {
        String text = (headerLines == null ? "" : headerLines.replace("\\n", "\n").replace("\\t", "\t")) + "\n";
        return MailboxDelivery.delivery(folder, MessageHeaders.parse(text.getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest(name = "folder {0}")
    @CsvSource(delimiter = '|', textBlock = """
            Inbox                | INBOX
            INBOX                | INBOX
            Junk                 | JUNK
            Junk Email           | JUNK
            Junk E-mail          | JUNK
            junk_e-mail          | JUNK
            Junk Mail            | JUNK
            Spam                 | JUNK
            [Gmail]/Spam         | JUNK
            .Junk                | JUNK
            .INBOX.Spam          | JUNK
            Bulk Mail            | JUNK
            Bulk                 | JUNK
            Spam.mbox            | JUNK
            Quarantine           | QUARANTINE
            Deleted Items        | DELETED
            deleted-items        | DELETED
            Deleted Messages     | DELETED
            Trash                | DELETED
            [Gmail]/Trash        | DELETED
            .Trash               | DELETED
            Mail\\Deleted Items  | DELETED
            """)
    void aKnownFolderDecidesWhateverTheHeadersSay(String folder, Delivery expected) {
        assertThat(delivery(folder, expected == Delivery.INBOX ? SPAM : CLEAN)).isEqualTo(expected);
        assertThat(delivery(folder, expected == Delivery.INBOX ? CLEAN : SPAM)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            dest:J beats a clean verdict            | X-Microsoft-Antispam-Mailbox-Delivery: ucf:0;jmr:0;auth:0;dest:J;OFR:SpamFilterAuthJ;RF:JunkEmail;\\nX-Forefront-Antispam-Report: SFV:NSPM;SCL:1; | JUNK
            dest:I beats a spam verdict             | X-Microsoft-Antispam-Mailbox-Delivery: ucf:0;jmr:0;auth:0;dest:I;\\nX-Forefront-Antispam-Report: SFV:SPM;SCL:9;CAT:BULK; | INBOX
            dest:C (a user's rule) does not decide  | X-Microsoft-Antispam-Mailbox-Delivery: dest:C;OFR:CustomRules;\\nX-Forefront-Antispam-Report: SFV:SPM; | JUNK
            an unknown dest does not decide         | X-Microsoft-Antispam-Mailbox-Delivery: dest:Z;\\nX-Forefront-Antispam-Report: SFV:NSPM;SCL:1; | INBOX
            SFV:SPM                                 | X-Forefront-Antispam-Report: CIP:203.0.113.5;SFV:SPM; | JUNK
            SFV:BLK (blocked senders)               | X-Forefront-Antispam-Report: SFV:BLK;SCL:6; | JUNK
            SFV:BULK                                | X-Forefront-Antispam-Report: SFV:BULK;SCL:1; | JUNK
            SRV:BULK alone                          | X-Forefront-Antispam-Report: SCL:1;SRV:BULK;IPV:NLI;SFV:NSPM;CAT:NONE; | JUNK
            CAT:BULK alone                          | X-Forefront-Antispam-Report: SCL:1;SRV:;SFV:NSPM;CAT:BULK; | JUNK
            report SCL 5                            | X-Forefront-Antispam-Report: SFV:NSPM;SCL:5; | JUNK
            report SCL 4                            | X-Forefront-Antispam-Report: SFV:NSPM;SCL:4; | INBOX
            organization SCL 6                      | X-MS-Exchange-Organization-SCL: 6\\nX-Forefront-Antispam-Report: SFV:NSPM;SCL:1; | JUNK
            organization SCL -1                     | X-MS-Exchange-Organization-SCL: -1\\nX-Forefront-Antispam-Report: SFV:SFE;SCL:-1; | INBOX
            untrusted report alone                  | X-Forefront-Antispam-Report-Untrusted: SFV:SPM;SCL:9; | JUNK
            plain report wins over untrusted        | X-Forefront-Antispam-Report-Untrusted: SFV:SPM;SCL:9;\\nX-Forefront-Antispam-Report: SFV:NSPM;SCL:1; | INBOX
            safe senders                            | X-Forefront-Antispam-Report: SFV:SFE;SCL:-1; | INBOX
            no verdict at all                       | Subject: hello | INBOX
            """)
    void otherwiseTheHeadersDecideInTheSpecsOrder(String rule, String headerLines, Delivery expected) {
        assertThat(delivery("Archive", headerLines)).isEqualTo(expected);
        assertThat(delivery(null, headerLines)).isEqualTo(expected);
    }
}
