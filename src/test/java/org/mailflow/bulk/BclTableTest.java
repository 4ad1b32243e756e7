package org.mailflow.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailflow.bulk.HandComputedFixtures.inbox;
import static org.mailflow.bulk.HandComputedFixtures.window;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * SPEC 3.2: delivered at T = all if BCL &lt; T else 0; identified at T = all if BCL &ge; T else 0;
 * rows BCL 1-9 only, BCL 0 neither a row nor part of the totals.
 */
class BclTableTest {
    /** BCL b (1-9) has 2^(b-1) messages so every sum is unique; BCL 0 has 1000 that must never count. */
    private static long[] powersOfTwo() {
        long[] all = new long[10];
        all[0] = 1000;
        for (int b = 1; b <= 9; b++) {
            all[b] = 1L << (b - 1);
        }
        return all;
    }

    @ParameterizedTest(name = "T={0}, BCL {1}: delivered {3}, identified {4}")
    @CsvSource({
            // T, bcl, count, delivered, identified
            "1, 1, 10, 0, 10",   // BCL = T
            "1, 2, 10, 0, 10",   // BCL = T+1
            "5, 4, 10, 10, 0",   // BCL = T-1
            "5, 5, 10, 0, 10",
            "5, 6, 10, 0, 10",
            "9, 8, 10, 10, 0",   // BCL = T-1
            "9, 9, 10, 0, 10",   // BCL = T
    })
    void aLevelIsDeliveredBelowTheThresholdAndIdentifiedFromTheThresholdUp(int t, int bcl, long count,
                                                                          long delivered, long identified) {
        assertThat(BclTable.delivered(count, bcl, t)).isEqualTo(delivered);
        assertThat(BclTable.identified(count, bcl, t)).isEqualTo(identified);
    }

    @ParameterizedTest(name = "C={0} N={1} BCL {2}")
    @CsvSource({
            // C, N, bcl, all, delivered@C, identified@C, delivered@N, identified@N
            "1, 9, 1, 1,   0, 1,   1, 0",
            "1, 9, 2, 2,   0, 2,   2, 0",
            "1, 9, 8, 128, 0, 128, 128, 0",
            "1, 9, 9, 256, 0, 256, 0, 256",
            "9, 1, 1, 1,   1, 0,   0, 1",
            "9, 1, 2, 2,   2, 0,   0, 2",
            "9, 1, 8, 128, 128, 0, 0, 128",
            "9, 1, 9, 256, 0, 256, 0, 256",
            "5, 5, 4, 8,   8, 0,   8, 0",
            "5, 5, 5, 16,  0, 16,  0, 16",
            "5, 5, 6, 32,  0, 32,  0, 32",
            "7, 6, 5, 16,  16, 0,  16, 0",
            "7, 6, 6, 32,  32, 0,  0, 32",
            "7, 6, 7, 64,  0, 64,  0, 64",
            "7, 6, 8, 128, 0, 128, 0, 128",
    })
    void rowsShowDeliveredAndIdentifiedAtCurrentAndNewThreshold(int c, int n, int bcl, long all,
                                                                long deliveredC, long identifiedC,
                                                                long deliveredN, long identifiedN) {
        BclTable t = new BclTable(powersOfTwo(), c, n);
        assertThat(t.all(bcl)).isEqualTo(all);
        assertThat(t.deliveredAtCurrent(bcl)).isEqualTo(deliveredC);
        assertThat(t.identifiedAtCurrent(bcl)).isEqualTo(identifiedC);
        assertThat(t.deliveredAtNew(bcl)).isEqualTo(deliveredN);
        assertThat(t.identifiedAtNew(bcl)).isEqualTo(identifiedN);
    }

    @ParameterizedTest(name = "C={0} N={1}")
    @CsvSource({
            // C, N, all, delivered@C, identified@C, delivered@N, identified@N, delivered diff, identified diff
            "7, 5, 511, 63,  448, 15,  496, -48,  48",
            "5, 7, 511, 15,  496, 63,  448,  48, -48",
            "1, 9, 511, 0,   511, 255, 256,  255, -255",
            "9, 1, 511, 255, 256, 0,   511, -255, 255",
            "6, 6, 511, 31,  480, 31,  480,  0,   0",
    })
    void totalsAndDifferencesSumLevelsOneToNineOnly(int c, int n, long all, long deliveredC, long identifiedC,
                                                     long deliveredN, long identifiedN, long deliveredDiff,
                                                     long identifiedDiff) {
        BclTable t = new BclTable(powersOfTwo(), c, n);
        assertThat(t.totalAll()).isEqualTo(all);
        assertThat(t.totalDeliveredAtCurrent()).isEqualTo(deliveredC);
        assertThat(t.totalIdentifiedAtCurrent()).isEqualTo(identifiedC);
        assertThat(t.totalDeliveredAtNew()).isEqualTo(deliveredN);
        assertThat(t.totalIdentifiedAtNew()).isEqualTo(identifiedN);
        assertThat(t.deliveredDifference()).isEqualTo(deliveredDiff);
        assertThat(t.identifiedDifference()).isEqualTo(identifiedDiff);
    }

    @ParameterizedTest(name = "C={0} N={1}")
    @CsvSource({"1, 1", "1, 9", "9, 1", "7, 7"})
    void bclZeroMessagesAreNeverInTheTotals(int c, int n) {
        long[] all = new long[10];
        all[0] = 500;
        BclTable t = new BclTable(all, c, n);
        assertThat(t.totalAll()).isZero();
        assertThat(t.totalDeliveredAtCurrent()).isZero();
        assertThat(t.totalIdentifiedAtCurrent()).isZero();
        assertThat(t.totalDeliveredAtNew()).isZero();
        assertThat(t.totalIdentifiedAtNew()).isZero();
        for (int b = BclTable.MIN_BCL; b <= BclTable.MAX_BCL; b++) {
            assertThat(t.all(b)).isZero();
        }
    }

    @Test
    void tableRowsAreLevelsOneToNine() {
        assertThat(BclTable.MIN_BCL).isEqualTo(1);
        assertThat(BclTable.MAX_BCL).isEqualTo(9);
    }

    @Test
    void simulationTableCountsTheWindowsMessagesPerLevelWithoutBclZero() {
        BulkDataset.Builder b = BulkDataset.builder(window(60));
        int s1 = b.sender("one@bulk.example");
        int s2 = b.sender("two@bulk.example");
        inbox(b, s1, 0, 0, 40);   // BCL 0: not in the table
        inbox(b, s1, 3, 4, 5);
        inbox(b, s2, 10, 4, 2);
        inbox(b, s2, 59, 8, 3);
        inbox(b, s2, 60, 8, 100); // the day before the window: ignored
        BulkDataset d = b.build();

        BclTable t = BulkSimulation.run(d, new SimulationParams(7, 5, 50)).table();

        assertThat(d.bclTotals()[0]).isEqualTo(40);
        assertThat(t.all(4)).isEqualTo(7);
        assertThat(t.all(8)).isEqualTo(3);
        assertThat(t.totalAll()).isEqualTo(10);
        // C = 7: BCL 4 delivered (7), BCL 8 identified (3); N = 5: same split
        assertThat(t.totalDeliveredAtCurrent()).isEqualTo(7);
        assertThat(t.totalIdentifiedAtCurrent()).isEqualTo(3);
        assertThat(t.totalDeliveredAtNew()).isEqualTo(7);
        assertThat(t.totalIdentifiedAtNew()).isEqualTo(3);
        assertThat(t.current()).isEqualTo(7);
        assertThat(t.newThreshold()).isEqualTo(5);
    }
}
