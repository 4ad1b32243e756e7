package org.mailflow.smtpauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The report's tables sorted in parts side by side come out as one stable sort gives them. */
class ParallelSortTest {
    private record Row(long messages, int arrival) {
    }

    @Test
    void partsSortedSideBySideAndMergedGiveTheStableOrder() {
        SplittableRandom rnd = new SplittableRandom(7);
        Comparator<Row> byMessages = Comparator.comparingLong(Row::messages).reversed(); // many ties: stability shows
        for (int n : new int[] {0, 1, 2, 3, 7, 100, 20_001, 54_321}) {
            List<Row> rows = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                rows.add(new Row(rnd.nextInt(20), k));
            }
            List<Row> expected = new ArrayList<>(rows);
            expected.sort(byMessages);
            for (int parts : new int[] {1, 2, 3, 5, 8}) {
                List<Row> sorted = new ArrayList<>(rows);
                SmtpReport.sort(sorted, byMessages, parts);
                assertThat(sorted).as("%d rows in %d parts", n, parts).isEqualTo(expected);
            }
            List<Row> sorted = new ArrayList<>(rows);
            SmtpReport.sort(sorted, byMessages);
            assertThat(sorted).isEqualTo(expected);
        }
    }
}
