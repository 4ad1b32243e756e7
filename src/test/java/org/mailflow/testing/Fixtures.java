package org.mailflow.testing;

import java.nio.file.Path;
import java.time.LocalDate;
import org.mailflow.bulk.AdminSetting;
import org.mailflow.bulk.Delivery;
import org.mailflow.bulk.FeedbackEvent;
import org.mailflow.cache.AllowBlockStore;
import org.mailflow.cache.BulkStore;
import org.mailflow.cache.Cache;
import org.mailflow.cache.CacheException;
import org.mailflow.cache.PolicyStore;

/**
 * A small, hand-made cache for view and command-line tests. The window ends on {@link #AS_OF}
 * (the latest day with data). With the Default threshold (7), the senders are:
 * <pre>
 * sender                 BCL  messages          feedback                   quality (60-day window)
 * calm@news.example      3    100 inbox, 8 wks  20 user_allowed            100·20+... see {@link #CALM_QUALITY}
 * mid@shop.example       5    50 inbox, 1 wk    30 user_blocked            low
 * six@shop.example       6    40 inbox, 1 wk    none                       prior only
 * edge@promo.example     7    10 junk, 1 wk     none                       prior only
 * spam@deals.example     8    60 junk, 2 wks    40 user_blocked            low
 * Allowed@Trusted.example 9   5 quarantine      admin Allow                100
 * friend@plain.example   0    3 inbox           -                          not in the table
 * </pre>
 */
public final class Fixtures {
    public static final LocalDate AS_OF = LocalDate.of(2026, 11, 12);

    private Fixtures() {
    }

    /** Creates the cache described above in {@code dir}. */
    public static Cache smallBulkCache(Path dir) throws CacheException {
        Cache cache = Cache.open(dir.resolve("fixture.db"));
        cache.write(c -> {
            try (BulkStore.Writer w = new BulkStore.Writer(c)) {
                long last = AS_OF.toEpochDay();
                long calm = w.senderId("calm@news.example");
                for (int week = 0; week < 8; week++) {
                    w.addMessages(calm, last - 7L * week, 3, Delivery.INBOX.ordinal(), week < 4 ? 13 : 12);
                }
                w.addEvent(calm, last, FeedbackEvent.USER_ALLOWED, 20);
                long mid = w.senderId("mid@shop.example");
                w.addMessages(mid, last - 1, 5, Delivery.INBOX.ordinal(), 50);
                w.addEvent(mid, last - 1, FeedbackEvent.USER_BLOCKED, 30);
                long six = w.senderId("six@shop.example");
                w.addMessages(six, last - 2, 6, Delivery.INBOX.ordinal(), 40);
                long edge = w.senderId("edge@promo.example");
                w.addMessages(edge, last - 3, 7, Delivery.JUNK.ordinal(), 10);
                long spam = w.senderId("spam@deals.example");
                w.addMessages(spam, last, 8, Delivery.JUNK.ordinal(), 30);
                w.addMessages(spam, last - 20, 8, Delivery.JUNK.ordinal(), 30);
                w.addEvent(spam, last, FeedbackEvent.USER_BLOCKED, 40);
                long allowed = w.senderId("Allowed@Trusted.example");
                w.addMessages(allowed, last - 5, 9, Delivery.QUARANTINE.ordinal(), 5);
                long friend = w.senderId("friend@plain.example");
                w.addMessages(friend, last - 4, 0, Delivery.INBOX.ordinal(), 3);
                w.flush();
            }
            AllowBlockStore.put(c, "allowed@trusted.example", AdminSetting.ALLOW);
            PolicyStore.upsert(c, "Marketing", 8);
            return null;
        });
        return cache;
    }
}
