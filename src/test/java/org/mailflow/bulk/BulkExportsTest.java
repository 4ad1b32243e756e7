package org.mailflow.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailflow.bulk.HandComputedFixtures.day;
import static org.mailflow.bulk.HandComputedFixtures.inbox;
import static org.mailflow.bulk.HandComputedFixtures.window;

import java.io.IOException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SPEC 3.2 / 3.5 / 3.7: exact CSV text. Header names as in the SPEC, True/False values, CRLF line
 * ends, and cells a spreadsheet could read as a formula prefixed with '.
 */
class BulkExportsTest {
    private BulkDataset data;
    private int cmd;
    private int minus;
    private int at;
    private int plain;
    private int plus;

    @BeforeEach
    void setUp() {
        // 7-day window: 1 week, so any message gives f = 1 and prior 90
        BulkDataset.Builder b = BulkDataset.builder(window(7));
        cmd = b.sender("=cmd@evil.test");
        inbox(b, cmd, 0, 8, 1);                                 // quality 90
        minus = b.sender("-minus@x.test");
        inbox(b, minus, 1, 3, 1);
        b.admin(minus, AdminSetting.BLOCK);                     // quality 0
        at = b.sender("@at@x.test");
        inbox(b, at, 2, 6, 1);
        b.admin(at, AdminSetting.ALLOW);                        // quality 100
        plain = b.sender("plain@shop.example");
        inbox(b, plain, 3, 5, 100);
        b.addEvent(plain, day(3), FeedbackEvent.USER_BLOCKED, 10); // 90·11/21 = 47.14 -> 47
        plus = b.sender("+plus@x.test");
        inbox(b, plus, 4, 1, 1);
        inbox(b, plus, 5, 9, 1);                                // quality 90, BCL shown 9
        data = b.build();
    }

    private String senders(int c, int n, int q) throws IOException {
        StringBuilder out = new StringBuilder();
        SimulationResult r = BulkSimulation.run(data, new SimulationParams(c, n, q));
        BulkExports.writeSenders(out, r, new int[] {cmd, minus, at, plain, plus});
        return out.toString();
    }

    @Test
    void senderCsvAtSameThresholdHasFalsePositiveAndFalseNegativeColumns() throws IOException {
        assertThat(senders(7, 7, 50)).isEqualTo(
                "Sender,BCL,Sender quality,Potential false positive,Potential false negative\r\n"
                + "'=cmd@evil.test,8,90,True,False\r\n"
                + "'-minus@x.test,3,0,False,True\r\n"
                + "'@at@x.test,6,100,False,False\r\n"
                + "plain@shop.example,5,47,False,True\r\n"
                + "'+plus@x.test,9,90,True,False\r\n");
    }

    @Test
    void senderCsvAtLowerThresholdHasNewlyBlockedThenFalsePositiveColumns() throws IOException {
        // C 7, N 5: newly blocked = a message with 5 <= BCL < 7; FP = BCL >= 5 and quality >= 50
        assertThat(senders(7, 5, 50)).isEqualTo(
                "Sender,BCL,Sender quality,Newly blocked sender,Potential false positive\r\n"
                + "'=cmd@evil.test,8,90,False,True\r\n"
                + "'-minus@x.test,3,0,False,False\r\n"
                + "'@at@x.test,6,100,True,True\r\n"
                + "plain@shop.example,5,47,True,False\r\n"
                + "'+plus@x.test,9,90,False,True\r\n");
    }

    @Test
    void senderCsvAtHigherThresholdHasNewlyAllowedThenFalseNegativeColumns() throws IOException {
        // C 5, N 9: newly allowed = a message with 5 <= BCL < 9; FN = 1 <= BCL < 9 and quality < 50
        assertThat(senders(5, 9, 50)).isEqualTo(
                "Sender,BCL,Sender quality,Newly allowed sender,Potential false negative\r\n"
                + "'=cmd@evil.test,8,90,True,False\r\n"
                + "'-minus@x.test,3,0,False,True\r\n"
                + "'@at@x.test,6,100,True,False\r\n"
                + "plain@shop.example,5,47,True,True\r\n"
                + "'+plus@x.test,9,90,False,False\r\n");
    }

    @Test
    void bclTableCsvHasNineRowsWithoutBclZero() throws IOException {
        BulkDataset.Builder b = BulkDataset.builder(window(60));
        int s1 = b.sender("one@bulk.example");
        inbox(b, s1, 0, 0, 3);
        inbox(b, s1, 0, 1, 1);
        inbox(b, s1, 0, 5, 2);
        int s2 = b.sender("two@bulk.example");
        inbox(b, s2, 8, 7, 4);
        inbox(b, s2, 9, 9, 1);
        SimulationResult r = BulkSimulation.run(b.build(), new SimulationParams(7, 5, 50));
        StringBuilder out = new StringBuilder();
        BulkExports.writeBclTable(out, r.table());
        assertThat(out.toString()).isEqualTo(
                "BCL,All email,Delivered at current threshold,Identified at current threshold,"
                + "Delivered at new threshold,Identified at new threshold\r\n"
                + "1,1,1,0,1,0\r\n"
                + "2,0,0,0,0,0\r\n"
                + "3,0,0,0,0,0\r\n"
                + "4,0,0,0,0,0\r\n"
                + "5,2,2,0,0,2\r\n"
                + "6,0,0,0,0,0\r\n"
                + "7,4,0,4,0,4\r\n"
                + "8,0,0,0,0,0\r\n"
                + "9,1,0,1,0,1\r\n");
    }

    @Test
    void exportFileNamesAreThoseOfTheSpec() {
        assertThat(BulkExports.SENDERS_FILE_NAME + ".csv").isEqualTo("Bulk sender insights.csv");
        assertThat(BulkExports.BCL_TABLE_FILE_NAME + ".csv").isEqualTo("Bulk complaint levels.csv");
    }
}
