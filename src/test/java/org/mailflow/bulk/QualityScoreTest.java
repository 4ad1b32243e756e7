package org.mailflow.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mailflow.bulk.HandComputedFixtures.day;
import static org.mailflow.bulk.HandComputedFixtures.inWeeks;
import static org.mailflow.bulk.HandComputedFixtures.inbox;
import static org.mailflow.bulk.HandComputedFixtures.window;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * SPEC 3.4, every expected value worked out by hand with
 * quality = round_half_up((100·pos + (50 + 40a/w)(10 + M/100)) / (pos + neg + 10 + M/100)).
 */
class QualityScoreTest {

    private static long[] events(long userAllowed, long userBlocked, long userDeleted) {
        long[] ev = new long[FeedbackEvent.values().length];
        ev[FeedbackEvent.USER_ALLOWED.code()] = userAllowed;
        ev[FeedbackEvent.USER_BLOCKED.code()] = userBlocked;
        ev[FeedbackEvent.USER_DELETED.code()] = userDeleted;
        return ev;
    }

    @ParameterizedTest(name = "days={0} -> {1} weeks")
    @CsvSource({"1, 1", "6, 1", "7, 1", "8, 2", "14, 2", "15, 3", "30, 5", "60, 9", "90, 13"})
    void weeksInWindowCountsSevenDayBlocksIncludingAPartialOldestOne(int days, int weeks) {
        assertThat(QualityScore.weeksInWindow(days)).isEqualTo(weeks);
        assertThat(BulkDataset.builder(window(days)).build().weeksInWindow()).isEqualTo(weeks);
    }

    @ParameterizedTest(name = "pos={0} blocked={1} deleted={2} M={3} a={4}/{5} -> {6}")
    @CsvSource({
            // pos, user_blocked, user_deleted, M, a, w, quality   (exact value in the comment)
            "0,    0,  0, 1,   1, 9,  54",  // prior 490/9 = 54.44
            "10,   0,  0, 100, 9, 9,  95",  // (1000 + 90·11)/21 = 1990/21 = 94.76
            "0,    10, 0, 100, 9, 9,  47",  // 990/21 = 47.14
            "2,    3,  0, 300, 3, 9,  57",  // (200 + 190/3·13)/18 = 1023.33/18 = 56.85
            "0,    0,  6, 100, 1, 9,  48",  // neg 1.5: (490/9·11)/12.5 = 47.91
            "1,    0,  3, 50,  2, 9,  59",  // neg 0.75: (100 + 530/9·10.5)/12.25 = 718.33/12.25 = 58.64
            "3,    1,  0, 0,   0, 9,  57",  // M = 0: (300 + 500)/14 = 57.14
            "1,    0,  0, 0,   0, 9,  55",  // M = 0: 600/11 = 54.55
            "0,    0,  2, 0,   0, 9,  48",  // M = 0, neg 0.5: 500/10.5 = 47.62
            "0,    30, 0, 0,   0, 9,  13",  // 500/40 = 12.5 exactly -> up
            "0,    4,  0, 200, 9, 9,  68",  // 90·12/16 = 67.5 exactly -> up
            "1,    4,  4, 0,   0, 9,  38",  // neg 5: 600/16 = 37.5 exactly -> up
            "0,    3,  8, 20,  3, 9,  43",  // neg 5: (190/3·51/5)/15.2 = 646/15.2 = 42.5 exactly; doubles give 42.4999…
            "3,    2,  2, 170, 2, 9,  58",  // neg 2.5: (300 + 530/9·11.7)/17.2 = 989/17.2 = 57.5 exactly; doubles give 57.4999…
            "0,    10, 0, 400, 1, 1,  53",  // 90·14/24 = 52.5 exactly -> up
            "0,    0,  0, 5,   1, 5,  58",  // 30-day window: prior 50 + 40/5 = 58
            "0,    0,  0, 2,   2, 13, 56",  // 90-day window: 50 + 80/13 = 56.15
            "500,  0,  0, 1,   1, 9,  99",  // (50000 + 490/9·10.01)/510.01 = 99.11
            "1000, 0,  0, 1,   1, 9,  100", // (100000 + 544.99)/1010.01 = 99.55
    })
    void qualityIsTheSpecFormulaRoundedHalfUp(long pos, long userBlocked, long userDeleted, long m, int a, int w,
                                             int expected) {
        QualityScore.Breakdown b = QualityScore.compute(events(pos, userBlocked, userDeleted), m, a, w, AdminSetting.NONE);
        assertThat(b.formula()).isEqualTo(expected);
        assertThat(b.quality()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "10 × {0} -> {1}")
    @CsvSource({
            // M = 0, a = 0: prior 50, K 10.  +10 pos: 1500/20 = 75; +10 neg: 500/20 = 25; 10 deletions = 2.5 neg: 500/12.5 = 40
            "USER_ALLOWED,              75",
            "FP_SUBMISSION,             75",
            "USER_MOVED_JUNK_TO_INBOX,  75",
            "USER_BLOCKED,              25",
            "FN_SUBMISSION,             25",
            "USER_MOVED_INBOX_TO_JUNK,  25",
            "ADMIN_QUARANTINED,         25",
            "ADMIN_MOVED_INBOX_TO_JUNK, 25",
            "ADMIN_DELETED,             25",
            "USER_DELETED,              40",
    })
    void eachFeedbackEventCountsAsPositiveNegativeOrAQuarterNegative(FeedbackEvent event, int expected) {
        long[] ev = new long[FeedbackEvent.values().length];
        ev[event.code()] = 10;
        assertThat(QualityScore.compute(ev, 0, 0, 9, AdminSetting.NONE).quality()).isEqualTo(expected);
    }

    @Test
    void breakdownShowsTheFormulasInputsWithFractionalNegFromUserDeletions() {
        // pos 1, neg 0.75, M 50, a 2 of 9 weeks
        QualityScore.Breakdown b = QualityScore.compute(events(1, 0, 3), 50, 2, 9, AdminSetting.NONE);
        assertThat(b.pos()).isEqualTo(1);
        assertThat(b.neg()).isEqualTo(0.75);
        assertThat(b.messages()).isEqualTo(50);
        assertThat(b.activeWeeks()).isEqualTo(2);
        assertThat(b.weeksInWindow()).isEqualTo(9);
        assertThat(b.f()).isCloseTo(2.0 / 9, within(1e-12));
        assertThat(b.prior()).isCloseTo(530.0 / 9, within(1e-9));
        assertThat(b.k()).isCloseTo(10.5, within(1e-12));
        assertThat(b.raw()).isCloseTo((100 + 530.0 / 9 * 10.5) / 12.25, within(1e-9));
        assertThat(b.quality()).isEqualTo(59);
    }

    @Test
    void adminAllowGivesHundredWhateverTheFeedback() {
        // formula: (490/9 · 10.1)/(50 + 10.1) = 549.89/60.1 = 9.15 -> 9
        QualityScore.Breakdown b = QualityScore.compute(events(0, 50, 0), 10, 1, 9, AdminSetting.ALLOW);
        assertThat(b.formula()).isEqualTo(9);
        assertThat(b.quality()).isEqualTo(100);
    }

    @Test
    void adminBlockGivesZeroWhateverTheFeedback() {
        // formula: (5000 + 549.89)/60.1 = 92.34 -> 92
        QualityScore.Breakdown b = QualityScore.compute(events(50, 0, 0), 10, 1, 9, AdminSetting.BLOCK);
        assertThat(b.formula()).isEqualTo(92);
        assertThat(b.quality()).isEqualTo(0);
    }

    // ---- through the dataset: what counts as M, active weeks and events in the window ----

    @ParameterizedTest(name = "messages {0} days before as-of -> {1} active weeks, quality {2}")
    @CsvSource({
            // 60-day window, 9 blocks: block k = days 7k .. 7k+6 before the as-of day; block 8 = days 56-59 (partial)
            "59,                          1, 54",
            "0;59,                        2, 59",
            "56;59,                       1, 54",
            "55;56,                       2, 59",
            "0;6,                         1, 54",
            "6;7,                         2, 59",
            "0;30;59,                     3, 63",
            "0;7;14;21;28;35;42;49,       8, 86",
            "0;7;14;21;28;35;42;49;56,    9, 90",
            "3;10;17;24;31;38;45;52;59,   9, 90",
    })
    void activeWeeksAreSevenDayBlocksEndingOnTheAsOfDayWithAPartialOldestBlock(String daysBefore, int active,
                                                                              int quality) {
        BulkDataset.Builder b = BulkDataset.builder(window(60));
        int s = b.sender("weekly@bulk.example");
        for (String d : daysBefore.split(";")) {
            inbox(b, s, Integer.parseInt(d.strip()), 5, 1);
        }
        BulkDataset data = b.build();
        assertThat(data.activeWeeks(s)).isEqualTo(active);
        assertThat(data.breakdown(s).weeksInWindow()).isEqualTo(9);
        // no feedback: quality = prior = 50 + 40a/9
        assertThat(data.quality(s)).isEqualTo(quality);
    }

    @ParameterizedTest(name = "{0}-day window, message {1} days before as-of -> {2}")
    @CsvSource({
            "7,  6,  90",  // 1 week, f = 1
            "30, 29, 58",  // 5 weeks, oldest block = days 28-29: 50 + 40/5
            "90, 89, 53",  // 13 weeks, oldest block = days 84-89: 50 + 40/13 = 53.08
            "90, 0,  53",
    })
    void firstDayOfTheWindowFallsInTheOldestBlock(int days, int daysBefore, int quality) {
        BulkDataset.Builder b = BulkDataset.builder(window(days));
        int s = b.sender("oldest@bulk.example");
        inbox(b, s, daysBefore, 5, 1);
        BulkDataset data = b.build();
        assertThat(data.activeWeeks(s)).isEqualTo(1);
        assertThat(data.quality(s)).isEqualTo(quality);
    }

    @Test
    void ninetyDayWindowOldestTwoBlocksGiveTwoActiveWeeks() {
        BulkDataset.Builder b = BulkDataset.builder(window(90));
        int s = b.sender("old@bulk.example");
        inbox(b, s, 83, 5, 1); // block 11
        inbox(b, s, 84, 5, 1); // block 12
        BulkDataset data = b.build();
        assertThat(data.activeWeeks(s)).isEqualTo(2);
        assertThat(data.quality(s)).isEqualTo(56); // 50 + 80/13 = 56.15
    }

    @Test
    void messagesBeforeTheWindowStartOrAfterTheAsOfDayAreIgnored() {
        BulkDataset.Builder b = BulkDataset.builder(window(60));
        int s = b.sender("edge@bulk.example");
        inbox(b, s, 60, 5, 100);  // the day before the first day
        inbox(b, s, -1, 5, 100);  // the day after the as-of day
        inbox(b, s, 59, 3, 1);    // the first day of the window
        b.addEvent(s, day(5), FeedbackEvent.USER_BLOCKED, 10);
        BulkDataset data = b.build();

        assertThat(data.messages(s)).isEqualTo(1);
        assertThat(data.bclCount(s, 5)).isZero();
        assertThat(data.maxBcl(s)).isEqualTo(3);
        assertThat(data.activeWeeks(s)).isEqualTo(1);
        // M 1, a 1: (490/9 · 10.01)/(10 + 10.01) = 544.99/20.01 = 27.24
        assertThat(data.quality(s)).isEqualTo(27);
    }

    @Test
    void eventsCountByTheirOwnDayEvenWhenTheSendersMessagesAreOutsideTheWindow() {
        BulkDataset.Builder b = BulkDataset.builder(window(60));
        int s = b.sender("late@bulk.example");
        inbox(b, s, 61, 6, 50);                                        // outside
        b.addEvent(s, day(59), FeedbackEvent.USER_ALLOWED, 1);        // first day: counts
        b.addEvent(s, day(0), FeedbackEvent.USER_DELETED, 2);         // as-of day: counts (0.5)
        b.addEvent(s, day(60), FeedbackEvent.USER_BLOCKED, 5);        // before the window
        b.addEvent(s, day(-1), FeedbackEvent.USER_BLOCKED, 5);        // after the as-of day
        BulkDataset data = b.build();

        assertThat(data.event(s, FeedbackEvent.USER_ALLOWED)).isEqualTo(1);
        assertThat(data.event(s, FeedbackEvent.USER_BLOCKED)).isZero();
        assertThat(data.messages(s)).isZero();
        assertThat(data.activeWeeks(s)).isZero();
        // M 0, f 0: (100 + 500)/(1 + 0.5 + 10) = 600/11.5 = 52.17
        assertThat(data.quality(s)).isEqualTo(52);
        assertThat(Arrays.stream(data.tableSenders()).boxed()).doesNotContain(s);
    }

    @Test
    void senderWithOnlyEventsHasMZeroAndPriorFifty() {
        BulkDataset.Builder b = BulkDataset.builder(window(60));
        int s = b.sender("ghost@bulk.example");
        b.addEvent(s, day(10), FeedbackEvent.USER_ALLOWED, 2);
        b.addEvent(s, day(11), FeedbackEvent.FP_SUBMISSION, 1);
        b.addEvent(s, day(12), FeedbackEvent.USER_BLOCKED, 1);
        BulkDataset data = b.build();
        QualityScore.Breakdown br = data.breakdown(s);
        assertThat(br.messages()).isZero();
        assertThat(br.pos()).isEqualTo(3);
        assertThat(br.neg()).isEqualTo(1.0);
        assertThat(br.prior()).isEqualTo(50.0);
        assertThat(br.k()).isEqualTo(10.0);
        assertThat(data.quality(s)).isEqualTo(57); // 800/14 = 57.14
        assertThat(data.tableSize()).isZero();
    }

    @Test
    void mCountsEveryBclLevelAndEveryDeliveryLocation() {
        BulkDataset.Builder b = BulkDataset.builder(window(7));
        int s = b.sender("all@bulk.example");
        b.addMessages(s, day(2), 0, 300, 0, 0, 0, 0);
        b.addMessages(s, day(3), 4, 20, 20, 20, 20, 20);
        b.addEvent(s, day(1), FeedbackEvent.USER_BLOCKED, 10);
        BulkDataset data = b.build();
        assertThat(data.messages(s)).isEqualTo(400);
        // w 1, a 1: prior 90, K 14: 1260/24 = 52.5 exactly -> 53 (M 360 would give 52, M 100 would give 47)
        assertThat(data.quality(s)).isEqualTo(53);
    }

    @Test
    void exactHalfWithOneNinthWeeksAndHundredthsOfMessagesRoundsUpThroughTheDataset() {
        BulkDataset.Builder b = BulkDataset.builder(window(60));
        // a 3, M 20, neg 3 + 8/4 = 5: (190/3 · 51/5)/(5 + 51/5) = 646/15.2 = 42.5
        int s1 = b.sender("half1@bulk.example");
        inWeeks(b, s1, 6, 20, 3);
        b.addEvent(s1, day(1), FeedbackEvent.USER_BLOCKED, 3);
        b.addEvent(s1, day(2), FeedbackEvent.USER_DELETED, 8);
        // a 2, M 170, pos 3 (one of each positive), neg 2 + 2/4 = 2.5: (300 + 530/9 · 11.7)/17.2 = 989/17.2 = 57.5
        int s2 = b.sender("half2@bulk.example");
        inWeeks(b, s2, 6, 170, 2);
        b.addEvent(s2, day(1), FeedbackEvent.USER_ALLOWED, 1);
        b.addEvent(s2, day(1), FeedbackEvent.FP_SUBMISSION, 1);
        b.addEvent(s2, day(1), FeedbackEvent.USER_MOVED_JUNK_TO_INBOX, 1);
        b.addEvent(s2, day(3), FeedbackEvent.FN_SUBMISSION, 2);
        b.addEvent(s2, day(3), FeedbackEvent.USER_DELETED, 2);
        // a 9, M 200, neg 4: 90 · 12 / 16 = 67.5
        int s3 = b.sender("half3@bulk.example");
        inWeeks(b, s3, 6, 200, 9);
        b.addEvent(s3, day(0), FeedbackEvent.ADMIN_QUARANTINED, 4);
        BulkDataset data = b.build();

        assertThat(data.activeWeeks(s1)).isEqualTo(3);
        assertThat(data.messages(s1)).isEqualTo(20);
        assertThat(data.quality(s1)).isEqualTo(43);
        assertThat(data.activeWeeks(s2)).isEqualTo(2);
        assertThat(data.breakdown(s2).pos()).isEqualTo(3);
        assertThat(data.breakdown(s2).neg()).isEqualTo(2.5);
        assertThat(data.quality(s2)).isEqualTo(58);
        assertThat(data.activeWeeks(s3)).isEqualTo(9);
        assertThat(data.quality(s3)).isEqualTo(68);
    }

    @Test
    void adminSettingInTheDatasetOverridesTheFormula() {
        BulkDataset.Builder b = BulkDataset.builder(window(60));
        int allowed = b.sender("allowed@bulk.example");
        inbox(b, allowed, 0, 9, 10);
        b.addEvent(allowed, day(0), FeedbackEvent.USER_BLOCKED, 50);
        b.admin(allowed, AdminSetting.ALLOW);
        int blocked = b.sender("blocked@bulk.example");
        inbox(b, blocked, 0, 2, 10);
        b.addEvent(blocked, day(0), FeedbackEvent.USER_ALLOWED, 50);
        b.admin(blocked, AdminSetting.BLOCK);
        int none = b.sender("none@bulk.example");
        inbox(b, none, 0, 2, 10);
        BulkDataset data = b.build();

        assertThat(data.quality(allowed)).isEqualTo(100);
        assertThat(data.breakdown(allowed).formula()).isEqualTo(9);
        assertThat(data.quality(blocked)).isZero();
        assertThat(data.breakdown(blocked).formula()).isEqualTo(92);
        assertThat(data.admin(none)).isEqualTo(AdminSetting.NONE);
        assertThat(data.quality(none)).isEqualTo(54);
    }
}
