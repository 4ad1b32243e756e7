package org.mailflow.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailflow.bulk.HandComputedFixtures.day;
import static org.mailflow.bulk.HandComputedFixtures.inbox;
import static org.mailflow.bulk.HandComputedFixtures.window;
import static org.mailflow.bulk.SenderFlag.NEWLY_ALLOWED;
import static org.mailflow.bulk.SenderFlag.NEWLY_BLOCKED;
import static org.mailflow.bulk.SenderFlag.POTENTIAL_FALSE_NEGATIVE;
import static org.mailflow.bulk.SenderFlag.POTENTIAL_FALSE_POSITIVE;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * SPEC 3.5 with E = N:
 * FP = a message with BCL &ge; E and quality &ge; Q; FN = a message with 1 &le; BCL &lt; E and quality &lt; Q;
 * newly blocked = N &lt; C and a message with N &le; BCL &lt; C; newly allowed = N &gt; C and a message with C &le; BCL &lt; N.
 */
class BulkSimulationFlagsTest {

    /** One message in one week of a 60-day window and no feedback: quality = round(50 + 40/9) = 54. */
    private static final int PLAIN_QUALITY = 54;

    private static void assertFlags(SimulationResult r, int s, boolean fp, boolean fn, boolean newlyBlocked,
                                    boolean newlyAllowed) {
        assertThat(r.has(s, POTENTIAL_FALSE_POSITIVE)).as("Potential false positive").isEqualTo(fp);
        assertThat(r.has(s, POTENTIAL_FALSE_NEGATIVE)).as("Potential false negative").isEqualTo(fn);
        assertThat(r.has(s, NEWLY_BLOCKED)).as("Newly blocked sender").isEqualTo(newlyBlocked);
        assertThat(r.has(s, NEWLY_ALLOWED)).as("Newly allowed sender").isEqualTo(newlyAllowed);
    }

    @ParameterizedTest(name = "C={0} N={1} Q={2} BCL {3} (quality 54): FP={4} FN={5} NB={6} NA={7}")
    @CsvSource({
            // C, N, Q, bcl, FP, FN, newly blocked, newly allowed
            // N = C = 5
            "5, 5, 54, 4, false, false, false, false",
            "5, 5, 55, 4, false, true,  false, false",
            "5, 5, 54, 5, true,  false, false, false",
            "5, 5, 55, 5, false, false, false, false",
            "5, 5, 54, 6, true,  false, false, false",
            "5, 5, 55, 6, false, false, false, false",
            // N < C: N = 5, C = 7
            "7, 5, 55, 4, false, true,  false, false",
            "7, 5, 54, 4, false, false, false, false",
            "7, 5, 54, 5, true,  false, true,  false",
            "7, 5, 55, 5, false, false, true,  false",
            "7, 5, 55, 6, false, false, true,  false",
            "7, 5, 54, 6, true,  false, true,  false",
            "7, 5, 54, 7, true,  false, false, false",
            "7, 5, 55, 7, false, false, false, false",
            // N > C: C = 5, N = 7
            "5, 7, 54, 4, false, false, false, false",
            "5, 7, 55, 4, false, true,  false, false",
            "5, 7, 55, 5, false, true,  false, true",
            "5, 7, 54, 5, false, false, false, true",
            "5, 7, 54, 6, false, false, false, true",
            "5, 7, 55, 6, false, true,  false, true",
            "5, 7, 55, 7, false, false, false, false",
            "5, 7, 54, 7, true,  false, false, false",
            // adjacent thresholds
            "7, 6, 55, 5, false, true,  false, false",
            "7, 6, 55, 6, false, false, true,  false",
            "7, 6, 55, 7, false, false, false, false",
            "6, 7, 55, 5, false, true,  false, false",
            "6, 7, 55, 6, false, true,  false, true",
            "6, 7, 54, 6, false, false, false, true",
            "6, 7, 54, 7, true,  false, false, false",
            // extremes of the slider
            "9, 1, 55, 1, false, false, true,  false",
            "9, 1, 54, 1, true,  false, true,  false",
            "9, 1, 54, 9, true,  false, false, false",
            "1, 9, 55, 1, false, true,  false, true",
            "1, 9, 55, 8, false, true,  false, true",
            "1, 9, 54, 9, true,  false, false, false",
            "1, 9, 55, 9, false, false, false, false",
            "1, 1, 55, 1, false, false, false, false",
            "1, 1, 54, 1, true,  false, false, false",
            "9, 9, 55, 8, false, true,  false, false",
            "9, 9, 54, 9, true,  false, false, false",
    })
    void flagsOfASingleLevelSenderAtThresholdBoundaries(int c, int n, int q, int bcl, boolean fp, boolean fn,
                                                         boolean newlyBlocked, boolean newlyAllowed) {
        BulkDataset.Builder b = BulkDataset.builder(window(60));
        int s = b.sender("single@bulk.example");
        inbox(b, s, 3, bcl, 1);
        BulkDataset d = b.build();
        assertThat(d.quality(s)).isEqualTo(PLAIN_QUALITY);

        SimulationResult r = BulkSimulation.run(d, new SimulationParams(c, n, q));

        assertFlags(r, s, fp, fn, newlyBlocked, newlyAllowed);
    }

    @Test
    void qualityExactlyEqualToTheThresholdCountsAsGood() {
        BulkDataset.Builder b = BulkDataset.builder(window(60));
        int high = b.sender("high@bulk.example");
        inbox(b, high, 0, 8, 1);
        int low = b.sender("low@bulk.example");
        inbox(b, low, 0, 3, 1);
        BulkDataset d = b.build();

        SimulationResult atQ = BulkSimulation.run(d, new SimulationParams(7, 7, 54));
        assertFlags(atQ, high, true, false, false, false);
        assertFlags(atQ, low, false, false, false, false);

        SimulationResult aboveQ = BulkSimulation.run(d, new SimulationParams(7, 7, 55));
        assertFlags(aboveQ, high, false, false, false, false);
        assertFlags(aboveQ, low, false, true, false, false);
    }

    @Test
    void qualityThresholdZeroMakesEverySenderGoodEvenAdminBlocked() {
        BulkDataset.Builder b = BulkDataset.builder(window(60));
        int blockedLow = b.sender("blocked-low@bulk.example");
        inbox(b, blockedLow, 0, 3, 1);
        b.admin(blockedLow, AdminSetting.BLOCK);
        int blockedHigh = b.sender("blocked-high@bulk.example");
        inbox(b, blockedHigh, 0, 8, 1);
        b.admin(blockedHigh, AdminSetting.BLOCK);
        BulkDataset d = b.build();
        assertThat(d.quality(blockedLow)).isZero();

        SimulationResult q0 = BulkSimulation.run(d, new SimulationParams(7, 7, 0));
        assertFlags(q0, blockedLow, false, false, false, false);
        assertFlags(q0, blockedHigh, true, false, false, false);
        assertThat(q0.count(POTENTIAL_FALSE_NEGATIVE)).isZero();

        SimulationResult q1 = BulkSimulation.run(d, new SimulationParams(7, 7, 1));
        assertFlags(q1, blockedLow, false, true, false, false);
        assertFlags(q1, blockedHigh, false, false, false, false);
    }

    @Test
    void qualityThresholdHundredLeavesOnlyQualityHundredSendersGood() {
        BulkDataset.Builder b = BulkDataset.builder(window(60));
        int allowedHigh = b.sender("allowed-high@bulk.example");
        inbox(b, allowedHigh, 0, 8, 1);
        b.admin(allowedHigh, AdminSetting.ALLOW);
        int allowedLow = b.sender("allowed-low@bulk.example");
        inbox(b, allowedLow, 0, 3, 1);
        b.admin(allowedLow, AdminSetting.ALLOW);
        // M 1, a 1, pos 500: (50000 + 490/9 · 10.01)/510.01 = 99.11 -> 99
        int nearlyHigh = b.sender("ninety-nine-high@bulk.example");
        inbox(b, nearlyHigh, 0, 8, 1);
        b.addEvent(nearlyHigh, day(0), FeedbackEvent.USER_ALLOWED, 500);
        int nearlyLow = b.sender("ninety-nine-low@bulk.example");
        inbox(b, nearlyLow, 0, 3, 1);
        b.addEvent(nearlyLow, day(0), FeedbackEvent.USER_ALLOWED, 500);
        BulkDataset d = b.build();
        assertThat(d.quality(allowedHigh)).isEqualTo(100);
        assertThat(d.quality(nearlyHigh)).isEqualTo(99);

        SimulationResult q100 = BulkSimulation.run(d, new SimulationParams(7, 7, 100));
        assertFlags(q100, allowedHigh, true, false, false, false);
        assertFlags(q100, allowedLow, false, false, false, false);
        assertFlags(q100, nearlyHigh, false, false, false, false);
        assertFlags(q100, nearlyLow, false, true, false, false);

        SimulationResult q99 = BulkSimulation.run(d, new SimulationParams(7, 7, 99));
        assertFlags(q99, nearlyHigh, true, false, false, false);
        assertFlags(q99, nearlyLow, false, false, false, false);
    }

    @Test
    void adminAllowOverridesNegativeFeedbackAndBlockOverridesPositiveFeedback() {
        BulkDataset.Builder b = BulkDataset.builder(window(60));
        int allowed = b.sender("allowed@bulk.example");
        inbox(b, allowed, 0, 8, 10);
        b.addEvent(allowed, day(0), FeedbackEvent.USER_BLOCKED, 50);   // formula alone: 9
        b.admin(allowed, AdminSetting.ALLOW);
        int blocked = b.sender("blocked@bulk.example");
        inbox(b, blocked, 0, 3, 10);
        b.addEvent(blocked, day(0), FeedbackEvent.USER_ALLOWED, 50);   // formula alone: 92
        b.admin(blocked, AdminSetting.BLOCK);
        BulkDataset d = b.build();

        SimulationResult r = BulkSimulation.run(d, new SimulationParams(7, 7, 95));
        assertFlags(r, allowed, true, false, false, false);
        assertFlags(r, blocked, false, true, false, false);
    }

    @ParameterizedTest(name = "C={0} N={1} Q={2}: FP={3} FN={4} NB={5} NA={6}")
    @CsvSource({
            // one sender with messages at BCL 0, 2 and 8, quality 54
            "5, 5, 54, true,  false, false, false",
            "5, 5, 55, false, true,  false, false",
            "7, 3, 54, true,  false, false, false",  // nothing in [3, 6]
            "9, 2, 55, false, false, true,  false",  // 2 in [2, 8]; nothing in [1, 1]
            "3, 8, 55, false, true,  false, false",  // nothing in [3, 7]; 2 in [1, 7]
            "2, 9, 54, false, false, false, true",   // 2 and 8 in [2, 8]; nothing >= 9
    })
    void senderWithMessagesAtSeveralLevelsIsFlaggedWhenAnyLevelQualifies(int c, int n, int q, boolean fp, boolean fn,
                                                                          boolean newlyBlocked, boolean newlyAllowed) {
        BulkDataset.Builder b = BulkDataset.builder(window(60));
        int s = b.sender("multi@bulk.example");
        inbox(b, s, 1, 0, 5);
        inbox(b, s, 2, 2, 1);
        inbox(b, s, 3, 8, 1);
        BulkDataset d = b.build();
        assertThat(d.maxBcl(s)).isEqualTo(8);
        assertThat(d.quality(s)).isEqualTo(PLAIN_QUALITY);

        assertFlags(BulkSimulation.run(d, new SimulationParams(c, n, q)), s, fp, fn, newlyBlocked, newlyAllowed);
    }

    @ParameterizedTest(name = "C=N={0}, Q=55: FN={1}")
    @CsvSource({"5, false", "6, true", "1, false"})
    void bclZeroMessagesNeverMakeAPotentialFalseNegative(int threshold, boolean fn) {
        BulkDataset.Builder b = BulkDataset.builder(window(60));
        int s = b.sender("zero-and-five@bulk.example");
        inbox(b, s, 0, 0, 20);
        inbox(b, s, 0, 5, 1);
        BulkDataset d = b.build();
        SimulationResult r = BulkSimulation.run(d, new SimulationParams(threshold, threshold, 55));
        assertThat(r.has(s, POTENTIAL_FALSE_NEGATIVE)).isEqualTo(fn);
    }

    @Test
    void senderWithOnlyBclZeroMessagesIsNotInTheTableAndHasNoFlags() {
        BulkDataset.Builder b = BulkDataset.builder(window(60));
        int zero = b.sender("zero@bulk.example");
        inbox(b, zero, 0, 0, 100);
        b.admin(zero, AdminSetting.BLOCK);
        int bulk = b.sender("bulk@bulk.example");
        inbox(b, bulk, 0, 1, 1);
        BulkDataset d = b.build();

        assertThat(d.tableSize()).isEqualTo(1);
        assertThat(Arrays.stream(d.tableSenders()).boxed()).containsExactly(bulk);
        for (SimulationParams p : new SimulationParams[] {
                new SimulationParams(1, 1, 100), new SimulationParams(9, 1, 0), new SimulationParams(1, 9, 100)}) {
            SimulationResult r = BulkSimulation.run(d, p);
            assertThat(r.flags(zero)).as("%s", p).isZero();
        }
    }

    @ParameterizedTest(name = "C={0} N={1} Q={2}: FP={3} FN={4} NB={5} NA={6}")
    @CsvSource({
            // a@ BCL 8 Allow(100); b@ BCL 3 Block(0); c@ BCL 2+6 (54); d@ BCL 0 only Block (not in table); e@ BCL 5 (54)
            "7, 5, 50,  3, 1, 2, 0",   // FP a,c,e; FN b; NB c(6),e(5)
            "7, 5, 60,  1, 2, 2, 0",   // FP a; FN b,c; NB c,e
            "7, 5, 0,   3, 0, 2, 0",   // all good: FP a,c,e
            "7, 5, 100, 1, 2, 2, 0",   // only a good: FP a; FN b,c
            "5, 5, 50,  3, 1, 0, 0",   // FP a,c,e; FN b
            "3, 7, 50,  1, 1, 0, 3",   // FP a; FN b; NA b(3),c(6),e(5)
            "9, 1, 50,  3, 0, 4, 0",   // N = 1: FP a,c,e (b is bad); FN none (no BCL < 1); NB all four
    })
    void filterCountsAreTheNumberOfTableSendersWithEachFlag(int c, int n, int q, int fp, int fn, int nb, int na) {
        BulkDataset.Builder b = BulkDataset.builder(window(60));
        int a = b.sender("a@x.example");
        inbox(b, a, 0, 8, 1);
        b.admin(a, AdminSetting.ALLOW);
        int bb = b.sender("b@x.example");
        inbox(b, bb, 0, 3, 1);
        b.admin(bb, AdminSetting.BLOCK);
        int cc = b.sender("c@x.example");
        inbox(b, cc, 0, 2, 1);
        inbox(b, cc, 0, 6, 1);
        int dd = b.sender("d@x.example");
        inbox(b, dd, 0, 0, 1);
        b.admin(dd, AdminSetting.BLOCK);
        int e = b.sender("e@x.example");
        inbox(b, e, 0, 5, 1);
        BulkDataset d = b.build();
        assertThat(d.tableSize()).isEqualTo(4);

        SimulationResult r = BulkSimulation.run(d, new SimulationParams(c, n, q));

        assertThat(r.count(POTENTIAL_FALSE_POSITIVE)).as("FP").isEqualTo(fp);
        assertThat(r.count(POTENTIAL_FALSE_NEGATIVE)).as("FN").isEqualTo(fn);
        assertThat(r.count(NEWLY_BLOCKED)).as("newly blocked").isEqualTo(nb);
        assertThat(r.count(NEWLY_ALLOWED)).as("newly allowed").isEqualTo(na);
        assertThat(r.counts()).containsEntry(POTENTIAL_FALSE_POSITIVE, fp).containsEntry(NEWLY_ALLOWED, na);
        assertThat(r.flags(dd)).isZero();
    }

    @Test
    void newThresholdBelowCurrentMarksSendersWithBclBetweenAsNewlyBlocked() {
        BulkDataset.Builder b = BulkDataset.builder(window(60));
        int[] s = new int[10];
        for (int level = 1; level <= 9; level++) {
            s[level] = b.sender("bcl" + level + "@bulk.example");
            inbox(b, s[level], 0, level, 1);
        }
        BulkDataset d = b.build();
        SimulationResult r = BulkSimulation.run(d, new SimulationParams(7, 4, 50)); // N ≤ BCL < C: 4, 5, 6
        for (int level = 1; level <= 9; level++) {
            assertThat(r.has(s[level], NEWLY_BLOCKED)).as("BCL %d", level).isEqualTo(level >= 4 && level < 7);
            assertThat(r.has(s[level], NEWLY_ALLOWED)).as("BCL %d", level).isFalse();
        }
        assertThat(r.count(NEWLY_BLOCKED)).isEqualTo(3);
    }

    @Test
    void newThresholdAboveCurrentMarksSendersWithBclBetweenAsNewlyAllowed() {
        BulkDataset.Builder b = BulkDataset.builder(window(60));
        int[] s = new int[10];
        for (int level = 1; level <= 9; level++) {
            s[level] = b.sender("bcl" + level + "@bulk.example");
            inbox(b, s[level], 0, level, 1);
        }
        BulkDataset d = b.build();
        SimulationResult r = BulkSimulation.run(d, new SimulationParams(5, 9, 50)); // C ≤ BCL < N: 5, 6, 7, 8
        for (int level = 1; level <= 9; level++) {
            assertThat(r.has(s[level], NEWLY_ALLOWED)).as("BCL %d", level).isEqualTo(level >= 5 && level < 9);
            assertThat(r.has(s[level], NEWLY_BLOCKED)).as("BCL %d", level).isFalse();
        }
        assertThat(r.count(NEWLY_ALLOWED)).isEqualTo(4);
    }

    @Test
    void sameThresholdMarksNobodyNewlyBlockedOrAllowed() {
        BulkDataset.Builder b = BulkDataset.builder(window(60));
        for (int level = 1; level <= 9; level++) {
            inbox(b, b.sender("bcl" + level + "@bulk.example"), 0, level, 1);
        }
        BulkDataset d = b.build();
        for (int t = 1; t <= 9; t++) {
            SimulationResult r = BulkSimulation.run(d, new SimulationParams(t, t, 50));
            assertThat(r.count(NEWLY_BLOCKED)).isZero();
            assertThat(r.count(NEWLY_ALLOWED)).isZero();
            assertThat(r.relation()).isEqualTo(Relation.SAME);
        }
    }
}
