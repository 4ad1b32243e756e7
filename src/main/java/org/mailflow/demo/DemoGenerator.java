package org.mailflow.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.mailflow.bulk.AdminSetting;
import org.mailflow.bulk.Delivery;
import org.mailflow.bulk.FeedbackEvent;
import org.mailflow.cache.AllowBlockStore;
import org.mailflow.cache.BulkStore;
import org.mailflow.cache.Cache;
import org.mailflow.cache.CacheException;
import org.mailflow.cache.PolicyStore;
import org.mailflow.model.UserText;

/**
 * Generates realistic, deterministic demo data: the same seed and scale always give the same cache
 * content. Bulk senders have a cadence (daily, weekly or one-off campaigns), a volume with a long
 * tail, and a BCL that stays near the sender's own level; deliveries follow the Default threshold
 * (BCL &ge; 7 mostly to Junk Email or quarantine), and feedback follows the sender's reputation, with
 * a few senders whose feedback contradicts their BCL so that the simulation has something to find.
 * SMTP AUTH submissions come from {@link SmtpDemo}. Data ends on {@link #LAST_DAY} whatever the
 * date, so that a seed means one data set.
 */
public final class DemoGenerator {
    /** The last day of every demo data set. */
    public static final LocalDate LAST_DAY = LocalDate.of(2026, 11, 12);

    /** How much data: bulk senders, senders that only ever send BCL 0, days of bulk mail, and SMTP AUTH data. */
    public enum Scale {
        SMALL(3000, 300, 120, 1.0, SmtpDemo.Size.SMALL),
        LARGE(100_000, 10_000, 60, 1.3, SmtpDemo.Size.LARGE);

        private final int bulkSenders;
        private final int plainSenders;
        private final int days;
        private final double volume;
        private final SmtpDemo.Size smtp;

        Scale(int bulkSenders, int plainSenders, int days, double volume, SmtpDemo.Size smtp) {
            this.bulkSenders = bulkSenders;
            this.plainSenders = plainSenders;
            this.days = days;
            this.volume = volume;
            this.smtp = smtp;
        }

        public SmtpDemo.Size smtp() {
            return smtp;
        }

        public int bulkSenders() {
            return bulkSenders;
        }

        public int days() {
            return days;
        }

        public String token() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What was generated: bulk senders, messages and feedback events, admin settings, and the SMTP AUTH data. */
    public record Result(int senders, long messages, long events, int allowBlockEntries, int policies, SmtpDemo.Result smtp) {
    }

    private static final String[] LOCAL_PARTS = {"news", "newsletter", "info", "marketing", "offers", "deals", "noreply",
        "no-reply", "updates", "hello", "team", "digest", "alerts", "promo", "events", "community", "rewards", "store",
        "notifications", "weekly", "announcements", "sales", "members", "club"};
    private static final String[] SYLLABLES = {"bright", "north", "blue", "fresh", "urban", "travel", "fit", "green", "smart",
        "daily", "home", "pixel", "city", "ocean", "star", "gold", "river", "cloud", "maple", "sun", "trail", "peak",
        "metro", "nova", "coast", "pine", "swift", "true", "wild", "zen"};
    private static final String[] NOUNS = {"mart", "nest", "box", "deals", "wear", "works", "hub", "shop", "lane", "labs",
        "market", "foods", "books", "gear", "style", "outlet", "travel", "bank", "press", "games", "media", "club"};
    private static final String[] MAIL_HOSTS = {"", "", "", "mail.", "em.", "e.", "news.", "info.", "m."};

    private final long seed;
    private final Scale scale;

    public DemoGenerator(long seed, Scale scale) {
        this.seed = seed;
        this.scale = scale;
    }

    /**
     * Fills {@code cache} in one transaction. A cache that already holds demo data is emptied first;
     * one that holds imported data is refused, so demo data never mixes with real data.
     */
    public Result fill(Cache cache) throws CacheException, DemoRefusedException {
        return fill(cache, message -> { });
    }

    /** {@link #fill(Cache)}, telling {@code progress} what is being generated (a line now and then). */
    public Result fill(Cache cache, Consumer<String> progress) throws CacheException, DemoRefusedException {
        return cache.write(c -> {
            boolean hasData = hasData(c);
            boolean wasDemo = demoMarker(c);
            if (hasData && !wasDemo) {
                throw new DemoRefusedException(UserText.of("demo.refused", String.valueOf(cache.file())));
            }
            if (wasDemo) {
                clear(c);
            }
            Result r = generate(c, progress);
            Cache.writeMeta(c, Cache.META_DEMO, "seed=" + seed + " scale=" + scale.token() + " version=" + VERSION);
            return r;
        });
    }

    /**
     * The demo's story version, kept in the cache's demo marker: 2 is issue 12's (staff on OAuth, a
     * Basic tail, a password spray that breaks into one account, a traveller, public addresses that
     * geolocate). The app generates a demo cache of an older version again when it opens it.
     */
    public static final int VERSION = 2;

    /** Whether a demo marker ({@link Cache#META_DEMO}'s value) was written by this version of the generator. */
    public static boolean current(String marker) {
        return marker != null && java.util.Arrays.asList(marker.split(" ")).contains("version=" + VERSION);
    }

    /** Thrown when the cache holds real data. */
    public static final class DemoRefusedException extends Exception implements UserText.Carrier {
        private static final long serialVersionUID = 1L;

        private final transient UserText text;

        public DemoRefusedException(UserText text) {
            super(text.toString());
            this.text = text;
        }

        @Override
        public UserText userText() {
            return text;
        }
    }

    private static boolean hasData(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             var rs = st.executeQuery("SELECT EXISTS(SELECT 1 FROM bulk_daily) OR EXISTS(SELECT 1 FROM bulk_event_daily) "
                     + "OR EXISTS(SELECT 1 FROM source) OR EXISTS(SELECT 1 FROM policy) OR EXISTS(SELECT 1 FROM allow_block) "
                     + "OR EXISTS(SELECT 1 FROM smtp_detail) OR EXISTS(SELECT 1 FROM smtp_auth_failure)")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private static boolean demoMarker(Connection c) throws SQLException {
        try (var ps = c.prepareStatement("SELECT 1 FROM meta WHERE key = ?")) {
            ps.setString(1, Cache.META_DEMO);
            try (var rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void clear(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String table : List.of("bulk_daily", "bulk_event_daily", "bulk_sender", "bulk_message_seen", "allow_block", "policy", "source",
                    "smtp_detail", "smtp_seen", "smtp_message", "smtp_auth_failure", "smtp_account", "smtp_name")) {
                st.execute("DELETE FROM " + table);
            }
        }
    }

    private enum Cadence { DAILY, WEEKLY, ONE_OFF }

    private Result generate(Connection c, Consumer<String> progress) throws SQLException {
        long started = System.nanoTime();
        SplittableRandom rnd = new SplittableRandom(seed);
        long lastDay = LAST_DAY.toEpochDay();
        long firstDay = lastDay - scale.days + 1;
        Set<String> used = new HashSet<>();
        List<String> bulkAddresses = new ArrayList<>();
        long messages = 0;
        long events = 0;
        try (BulkStore.Writer w = new BulkStore.Writer(c)) {
            for (int s = 0; s < scale.bulkSenders + scale.plainSenders; s++) {
                boolean bulk = s < scale.bulkSenders;
                String address = uniqueAddress(rnd, used, bulk);
                long id = w.senderId(address);
                if (bulk) {
                    bulkAddresses.add(address);
                }
                long[] counts = bulk ? bulkSender(rnd, w, id, firstDay, lastDay) : plainSender(rnd, w, id, firstDay, lastDay);
                messages += counts[0];
                events += counts[1];
            }
            w.flush();
        }
        int entries = allowBlock(c, rnd, bulkAddresses);
        PolicyStore.upsert(c, "Sales team", 8);
        PolicyStore.upsert(c, "Executive protection", 4);
        progress.accept(UserText.of("demo.progress.bulk", scale.bulkSenders + scale.plainSenders, messages, events,
                (System.nanoTime() - started) / 1e9).toString());
        SmtpDemo.Result smtp = new SmtpDemo(seed, scale.smtp).write(c, progress);
        return new Result(scale.bulkSenders + scale.plainSenders, messages, events, entries, 2, smtp);
    }

    private String uniqueAddress(SplittableRandom rnd, Set<String> used, boolean bulk) {
        while (true) {
            String domain = SYLLABLES[rnd.nextInt(SYLLABLES.length)] + NOUNS[rnd.nextInt(NOUNS.length)];
            if (rnd.nextInt(4) == 0) {
                domain += rnd.nextInt(2, 99);
            }
            String local = bulk ? LOCAL_PARTS[rnd.nextInt(LOCAL_PARTS.length)]
                    : FIRST_NAMES[rnd.nextInt(FIRST_NAMES.length)] + "." + LAST_NAMES[rnd.nextInt(LAST_NAMES.length)];
            String host = bulk ? MAIL_HOSTS[rnd.nextInt(MAIL_HOSTS.length)] : "";
            String address = local + "@" + host + domain + ".example";
            if (used.add(address)) {
                return address;
            }
        }
    }

    private static final String[] FIRST_NAMES = {"anna", "ben", "chen", "dana", "eli", "fatima", "george", "hana", "ivan",
        "jun", "kim", "lena", "mateo", "nina", "omar", "priya", "quinn", "rosa", "sven", "tara", "uma", "victor", "wei", "yara"};
    private static final String[] LAST_NAMES = {"lee", "smith", "wang", "garcia", "novak", "khan", "muller", "sato", "silva",
        "cohen", "okafor", "larsen", "rossi", "kowalski", "lin", "brown"};

    /** Writes one bulk sender's messages and feedback; returns {messages, events}. */
    private long[] bulkSender(SplittableRandom rnd, BulkStore.Writer w, long id, long firstDay, long lastDay) throws SQLException {
        double kind = rnd.nextDouble();
        Cadence cadence = kind < 0.12 ? Cadence.DAILY : kind < 0.55 ? Cadence.WEEKLY : Cadence.ONE_OFF;
        double rep = rnd.nextDouble();
        // Reputation: 0 = well-liked newsletter, 1 = aggressive marketer.
        int baseBcl = rep < 0.30 ? 1 + rnd.nextInt(3) : rep < 0.72 ? 4 + rnd.nextInt(3) : 6 + rnd.nextInt(4);
        double reputation = (baseBcl - 1) / 8.0;
        // A few senders whose users disagree with the BCL: liked but rated high, or disliked but rated low.
        boolean contrarian = rnd.nextInt(20) == 0;
        if (contrarian) {
            reputation = 1 - reputation;
        }
        double volume = Math.exp(1.7 + 1.0 * rnd.nextGaussian()) * scale.volume;
        volume = Math.min(volume, 4000);
        int days = (int) (lastDay - firstDay + 1);
        List<Long> sendDays = new ArrayList<>();
        switch (cadence) {
            case DAILY -> {
                long start = firstDay + (rnd.nextInt(5) == 0 ? rnd.nextInt(days) : 0);
                for (long d = start; d <= lastDay; d++) {
                    if (rnd.nextInt(10) != 0 || d == start) {
                        sendDays.add(d);
                    }
                }
            }
            case WEEKLY -> {
                long d = firstDay + rnd.nextInt(7);
                // One sender in six stops part-way through the window.
                long stop = rnd.nextInt(6) == 0 ? firstDay + rnd.nextInt(days) : lastDay;
                do {
                    sendDays.add(d);
                    d += 7;
                } while (d <= stop);
            }
            case ONE_OFF -> {
                long d = firstDay + rnd.nextInt(days);
                sendDays.add(d);
                if (rnd.nextBoolean() && d + 1 <= lastDay) {
                    sendDays.add(d + 1);
                }
            }
        }
        long messages = 0;
        long events = 0;
        for (long day : sendDays) {
            int n = (int) Math.max(1, Math.round(volume * (0.6 + 0.8 * rnd.nextDouble())));
            int bcl = clamp(baseBcl + noise(rnd), 1, 9);
            long[] byDelivery = new long[5];
            for (int i = 0; i < n; i++) {
                byDelivery[deliveryFor(rnd, bcl)]++;
            }
            for (int d = 0; d < 5; d++) {
                if (byDelivery[d] > 0) {
                    w.addMessages(id, day, bcl, d, byDelivery[d]);
                }
            }
            messages += n;
            events += feedback(rnd, w, id, day, lastDay, n, reputation, bcl);
        }
        return new long[] {messages, events};
    }

    /** A correspondent whose mail is not bulk at all (BCL 0): counts in Messages, never in the table. */
    private long[] plainSender(SplittableRandom rnd, BulkStore.Writer w, long id, long firstDay, long lastDay) throws SQLException {
        int days = (int) (lastDay - firstDay + 1);
        int sends = 1 + rnd.nextInt(8);
        long messages = 0;
        for (int i = 0; i < sends; i++) {
            long day = firstDay + rnd.nextInt(days);
            int n = 1 + rnd.nextInt(3);
            w.addMessages(id, day, 0, Delivery.INBOX.ordinal(), n);
            messages += n;
        }
        return new long[] {messages, 0};
    }

    private static int noise(SplittableRandom rnd) {
        double x = rnd.nextDouble();
        return x < 0.15 ? -1 : x < 0.85 ? 0 : 1;
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    /** Delivery consistent with the Default threshold (7). */
    private static int deliveryFor(SplittableRandom rnd, int bcl) {
        double x = rnd.nextDouble();
        if (bcl >= 7) {
            return x < 0.85 ? Delivery.JUNK.ordinal() : x < 0.97 ? Delivery.QUARANTINE.ordinal()
                    : x < 0.99 ? Delivery.DELETED.ordinal() : Delivery.UNKNOWN.ordinal();
        }
        return x < 0.95 ? Delivery.INBOX.ordinal() : x < 0.98 ? Delivery.JUNK.ordinal()
                : x < 0.99 ? Delivery.DELETED.ordinal() : Delivery.UNKNOWN.ordinal();
    }

    /**
     * Users and admins react to a day's messages according to the sender's reputation: disliked
     * senders draw much more feedback (12-30 % of their messages, nearly all negative) than liked
     * ones (4-12 %, mostly positive), so the quality score separates them once a sender has volume.
     */
    private static long feedback(SplittableRandom rnd, BulkStore.Writer w, long id, long day, long lastDay, int messages,
                                 double reputation, int bcl) throws SQLException {
        boolean disliked = reputation > 0.6;
        double rate = disliked ? 0.12 + 0.18 * rnd.nextDouble() : 0.04 + 0.08 * rnd.nextDouble();
        double expected = messages * rate;
        int reactions = (int) expected + (rnd.nextDouble() < expected - Math.floor(expected) ? 1 : 0);
        double negativeShare = disliked ? 0.9 : 0.1 + 0.6 * reputation;
        long total = 0;
        for (int i = 0; i < reactions; i++) {
            long when = Math.min(lastDay, day + (rnd.nextInt(4) == 0 ? 1 : 0));
            FeedbackEvent e = rnd.nextDouble() < negativeShare ? negative(rnd, bcl) : positive(rnd, bcl);
            w.addEvent(id, when, e, 1);
            total++;
        }
        return total;
    }

    private static FeedbackEvent positive(SplittableRandom rnd, int bcl) {
        double x = rnd.nextDouble();
        if (bcl >= 7) {
            return x < 0.55 ? FeedbackEvent.USER_MOVED_JUNK_TO_INBOX : x < 0.8 ? FeedbackEvent.FP_SUBMISSION : FeedbackEvent.USER_ALLOWED;
        }
        return x < 0.7 ? FeedbackEvent.USER_ALLOWED : FeedbackEvent.USER_MOVED_JUNK_TO_INBOX;
    }

    private static FeedbackEvent negative(SplittableRandom rnd, int bcl) {
        double x = rnd.nextDouble();
        if (x < 0.25) {
            return FeedbackEvent.USER_DELETED;
        }
        if (bcl < 7) {
            return x < 0.65 ? FeedbackEvent.USER_MOVED_INBOX_TO_JUNK : x < 0.8 ? FeedbackEvent.FN_SUBMISSION
                    : x < 0.9 ? FeedbackEvent.USER_BLOCKED : x < 0.95 ? FeedbackEvent.ADMIN_MOVED_INBOX_TO_JUNK
                    : FeedbackEvent.ADMIN_DELETED;
        }
        return x < 0.75 ? FeedbackEvent.USER_BLOCKED : x < 0.9 ? FeedbackEvent.ADMIN_QUARANTINED : FeedbackEvent.ADMIN_DELETED;
    }

    private static int allowBlock(Connection c, SplittableRandom rnd, List<String> senders) throws SQLException {
        int entries = 0;
        for (int i = 0; i < 6 && !senders.isEmpty(); i++) {
            AllowBlockStore.put(c, senders.get(rnd.nextInt(senders.size())), AdminSetting.ALLOW);
            entries++;
        }
        for (int i = 0; i < 4 && !senders.isEmpty(); i++) {
            AllowBlockStore.put(c, senders.get(rnd.nextInt(senders.size())), AdminSetting.BLOCK);
            entries++;
        }
        if (!senders.isEmpty()) {
            String a = senders.get(rnd.nextInt(senders.size()));
            AllowBlockStore.put(c, a.substring(a.indexOf('@') + 1), AdminSetting.ALLOW);
            String b = senders.get(rnd.nextInt(senders.size()));
            AllowBlockStore.put(c, "@" + b.substring(b.indexOf('@') + 1), AdminSetting.BLOCK);
            entries += 2;
        }
        return entries;
    }
}
