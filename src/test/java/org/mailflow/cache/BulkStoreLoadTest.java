package org.mailflow.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailflow.bulk.BulkDataset;
import org.mailflow.bulk.Delivery;
import org.mailflow.bulk.FeedbackEvent;
import org.mailflow.model.DayWindow;

/**
 * {@link BulkStore#load} against sums kept in Java while the same rows were written: the delivery
 * counts travel packed in one column when they are small, and in their own columns when one of them
 * is 4096 or more; a feedback count travels with its key below 2^20, on its own from there. Both
 * kinds of row, and rows outside the window, must end up where they belong.
 */
class BulkStoreLoadTest {
    private static final LocalDate LAST = LocalDate.of(2026, 11, 12);

    @Test
    void packedAndLargeCountsLoadAsWritten(@TempDir Path dir) throws Exception {
        DayWindow window = DayWindow.endingOn(LAST, 30);
        String[] senders = new String[40];
        for (int i = 0; i < senders.length; i++) {
            senders[i] = "sender" + i + "@example" + (i % 5) + ".test";
        }
        // Expected per sender, inside the window only: messages per BCL, per delivery, events, active weeks.
        Map<String, long[]> bcl = new HashMap<>();
        Map<String, long[]> delivery = new HashMap<>();
        Map<String, long[]> events = new HashMap<>();
        Map<String, Long> weeks = new HashMap<>();
        SplittableRandom rnd = new SplittableRandom(14);
        try (Cache cache = Cache.open(dir.resolve("load.db"))) {
            cache.write(c -> {
                try (BulkStore.Writer w = new BulkStore.Writer(c)) {
                    for (int row = 0; row < 3000; row++) {
                        String s = senders[rnd.nextInt(senders.length)];
                        long day = LAST.toEpochDay() - rnd.nextInt(45); // some before the window
                        int level = rnd.nextInt(10);
                        int where = rnd.nextInt(Delivery.values().length);
                        // Mostly small; sometimes at or just past the packing limit, sometimes far past it.
                        long count = switch (rnd.nextInt(10)) {
                            case 0 -> 4095 + rnd.nextInt(3);
                            case 1 -> 1_000_000L + rnd.nextInt(1000);
                            default -> 1 + rnd.nextInt(200);
                        };
                        w.addMessages(w.senderId(s), day, level, where, count);
                        if (window.contains(day)) {
                            bcl.computeIfAbsent(s, k -> new long[10])[level] += count;
                            delivery.computeIfAbsent(s, k -> new long[Delivery.values().length])[where] += count;
                            weeks.merge(s, 1L << ((LAST.toEpochDay() - day) / 7), (a, b) -> a | b);
                        }
                        if (rnd.nextInt(3) == 0) {
                            FeedbackEvent e = FeedbackEvent.values()[rnd.nextInt(FeedbackEvent.values().length)];
                            // Feedback counts travel with their key below 2^20, on their own above.
                            long n = rnd.nextInt(8) == 0 ? (1L << 20) + rnd.nextInt(3) - 1 : 1 + rnd.nextInt(5000);
                            w.addEvent(w.senderId(s), day, e, n);
                            if (window.contains(day)) {
                                events.computeIfAbsent(s, k -> new long[FeedbackEvent.values().length])[e.code()] += n;
                            }
                        }
                    }
                    w.flush();
                }
                return null;
            });

            BulkDataset d = new BulkStore(cache).load(window);

            int large = 0;
            for (long[] n : delivery.values()) {
                for (long v : n) {
                    large += v >= 4096 ? 1 : 0;
                }
            }
            assertThat(large).as("rows whose counts cannot be packed").isPositive();
            for (String s : senders) {
                if (!bcl.containsKey(s) && !events.containsKey(s)) {
                    assertThat(d.indexOf(s)).as(s).isEmpty();
                    continue;
                }
                int i = d.indexOf(s).orElseThrow();
                long[] b = bcl.getOrDefault(s, new long[10]);
                for (int level = 0; level < 10; level++) {
                    assertThat(d.bclCount(i, level)).as(s + " BCL " + level).isEqualTo(b[level]);
                }
                long[] del = delivery.getOrDefault(s, new long[Delivery.values().length]);
                for (Delivery where : Delivery.values()) {
                    assertThat(d.delivered(i, where)).as(s + " " + where).isEqualTo(del[where.ordinal()]);
                }
                long[] ev = events.getOrDefault(s, new long[FeedbackEvent.values().length]);
                for (FeedbackEvent e : FeedbackEvent.values()) {
                    assertThat(d.event(i, e)).as(s + " " + e).isEqualTo(ev[e.code()]);
                }
                assertThat(d.activeWeeks(i)).as(s + " weeks").isEqualTo(Long.bitCount(weeks.getOrDefault(s, 0L)));
            }
        }
    }
}
