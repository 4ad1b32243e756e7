package org.mailflow.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailflow.cache.Cache;
import org.mailflow.cache.SmtpStore;
import org.mailflow.model.DayWindow;
import org.mailflow.smtpauth.ReportData;
import org.mailflow.smtpauth.ReportFilter;
import org.mailflow.smtpauth.SenderTotals;
import org.mailflow.smtpauth.SmtpDataset;
import org.mailflow.smtpauth.SmtpFlag;
import org.mailflow.smtpauth.SmtpReport;
import org.mailflow.smtpauth.TlsVersion;
import org.mailflow.smtpauth.UnusualActivity;
import org.mailflow.testing.SmtpFixtures;

/** The small SMTP AUTH demo: the same per seed, and with the senders an administrator should find in it. */
class SmtpDemoTest {
    private static final DayWindow LAST_7 = DayWindow.endingOn(DemoGenerator.LAST_DAY, 7);

    @TempDir
    static Path shared;

    private static Cache cache;
    private static SmtpDemo.Result result;
    private static SmtpDataset data;
    private static ReportData week;

    @TempDir
    Path dir;

    @BeforeAll
    static void generate() throws Exception {
        cache = Cache.open(shared.resolve("smtp-demo.db"));
        result = write(cache, 42);
        data = new SmtpStore(cache).load();
        week = SmtpReport.compute(data, ReportFilter.all(LAST_7));
    }

    @AfterAll
    static void close() {
        cache.close();
        // the suite runs in one JVM: a static field would keep the dataset for every later class
        cache = null;
        data = null;
        week = null;
        result = null;
    }

    private static SmtpDemo.Result write(Cache c, long seed) throws Exception {
        return c.write(conn -> new SmtpDemo(seed, SmtpDemo.Size.SMALL).write(conn, message -> { }));
    }

    @Test
    void theSameSeedGivesTheSameDataAndAnotherSeedOther() throws Exception {
        try (Cache again = Cache.open(dir.resolve("again.db")); Cache other = Cache.open(dir.resolve("other.db"))) {
            assertThat(write(again, 42)).isEqualTo(result);
            write(other, 7);
            assertThat(digest(again)).isEqualTo(digest(cache)).isNotEqualTo(digest(other));
        }
    }

    @Test
    void aboutThreeHundredAccountsInThreeDomainsOver120Days() {
        // the accounts written, and the unnamed one of the password spray's failures
        assertThat(data.accountIndex("")).isPresent();
        assertThat(data.accountCount()).isBetween(280, 320).isEqualTo(result.accounts() + 1);
        assertThat(data.domainNames()).containsExactly("contoso.example", "fabrikam.example", "northwind.example");
        assertThat(data.dataRange()).contains(DayWindow.endingOn(DemoGenerator.LAST_DAY, 120));
        assertThat(result.submissions()).isEqualTo(data.totalSubmissions()).isBetween(50_000L, 200_000L);
        // Most submissions come one by one with a message-id, as logs give them.
        assertThat(result.withMessageId()).isGreaterThan(result.submissions() * 3 / 4).isLessThan(result.submissions());
    }

    @Test
    void twoAccountsAreCompromisedInTheLastSevenDaysOneAfterGuessesAndOneByAPasswordSpray() {
        List<SenderTotals> spiking = week.rows().stream().filter(r -> r.has(SmtpFlag.VOLUME_SPIKE)).toList();
        assertThat(spiking).hasSize(2);
        assertThat(spiking).allMatch(r -> r.address().contains("@") && !r.has(SmtpFlag.LEGACY_TLS) && r.has(SmtpFlag.BASIC_AUTH));
        // the password spray (SmtpDemoStoryTest): one address failed for many accounts, then sent as one of them
        assertThat(spiking.stream().filter(r -> r.has(SmtpFlag.SPRAYED_IP))).hasSize(1);
        // a run of guesses for one account, then spam from many addresses
        SenderTotals account = spiking.stream().filter(r -> !r.has(SmtpFlag.SPRAYED_IP)).findFirst().orElseThrow();
        assertThat(account.has(SmtpFlag.MANY_IPS)).isTrue();
        assertThat(account.has(SmtpFlag.AUTH_FAILURES)).isTrue();
        assertThat(week.rows().stream().filter(r -> r.has(SmtpFlag.MANY_IPS) || r.has(SmtpFlag.AUTH_FAILURES)))
                .extracting(SenderTotals::account).containsOnly(account.account());
        List<UnusualActivity.Finding> findings = UnusualActivity.findings(data, account.account(), LAST_7);
        UnusualActivity.Finding spike = findings.stream().filter(f -> f.flag() == SmtpFlag.VOLUME_SPIKE).findFirst().orElseThrow();
        assertThat(spike.value()).isGreaterThan(300);
        UnusualActivity.Finding ips = findings.stream().filter(f -> f.flag() == SmtpFlag.MANY_IPS).findFirst().orElseThrow();
        assertThat(ips.day()).isEqualTo(spike.day());
        UnusualActivity.Finding failures = findings.stream().filter(f -> f.flag() == SmtpFlag.AUTH_FAILURES).findFirst().orElseThrow();
        assertThat(failures.day()).isBefore(spike.day());
        assertThat(result.compromised()).isEqualTo(2);
    }

    @Test
    void serviceAccountsWithBareUserNamesTakeTheDomainOfTheirEnvelopeSender() {
        List<SenderTotals> bare = week.rows().stream().filter(r -> r.address().indexOf('@') < 0).toList();
        assertThat(bare).hasSizeGreaterThanOrEqualTo(10);
        assertThat(bare).extracting(SenderTotals::domain).allMatch(d -> d.endsWith(".example"));
        assertThat(bare).extracting(SenderTotals::address).contains("svc-backup", "nagios");
        // svc-mailer sends for two domains: one account, a row under each.
        assertThat(bare.stream().filter(r -> r.address().equals("svc-mailer"))).extracting(SenderTotals::domain).hasSize(2)
                .doesNotHaveDuplicates();
    }

    @Test
    void legacyDevicesAndNewSendersShowOnTheDashboardCard() throws Exception {
        List<SenderTotals> legacy = week.rows().stream().filter(r -> r.has(SmtpFlag.LEGACY_TLS)).toList();
        assertThat(legacy).hasSizeBetween(8, 20);
        assertThat(legacy).allMatch(r -> r.count(TlsVersion.TLS1_2) + r.count(TlsVersion.TLS1_3) == 0);
        List<SenderTotals> fresh = week.rows().stream().filter(r -> r.has(SmtpFlag.NEW_SENDER)).toList();
        assertThat(fresh).hasSizeBetween(3, 8);
        assertThat(fresh).anyMatch(r -> r.has(SmtpFlag.LEGACY_TLS)).anyMatch(r -> r.address().indexOf('@') < 0);
        SmtpStore.Summary card = new SmtpStore(cache).summary(LAST_7);
        assertThat(card.senders()).isBetween(250L, 300L);
        assertThat(card.legacyShare()).isBetween(0.02, 0.08);
        assertThat(card.count(TlsVersion.TLS1_2) + card.count(TlsVersion.TLS1_3)).isGreaterThan(card.messages() * 9 / 10);
    }

    @Test
    void detailedReportRowsHaveMethodsAndCiphersThatFitTheirTlsVersion() throws Exception {
        long[] rows = new long[3]; // with a message-id, without, without and count > 1
        Set<String> methods = new HashSet<>();
        List<String> misfits = new ArrayList<>();
        new SmtpStore(cache).report(DayWindow.endingOn(DemoGenerator.LAST_DAY, 120), (day, sender, domain, method, ip, tls, cipher,
                count, messageId) -> {
            methods.add(method);
            if (messageId.isEmpty()) {
                rows[1]++;
                rows[2] += count > 1 ? 1 : 0;
            } else {
                rows[0]++;
                if (count != 1 || messageId.startsWith("<") || !messageId.endsWith("@" + domain)) {
                    misfits.add(messageId);
                }
            }
            boolean fits = switch (tls) {
                case TLS1_3 -> cipher.startsWith("TLS_");
                case TLS1_2 -> cipher.contains("GCM") || cipher.contains("CHACHA20");
                case TLS1_0, TLS1_1 -> !cipher.isEmpty() && !cipher.contains("GCM") && !cipher.startsWith("TLS_");
                case NONE -> cipher.isEmpty();
                case TLS, UNKNOWN -> false;
            };
            if (!fits || ip.isEmpty() || domain.isEmpty()) {
                misfits.add(tls + " " + cipher + " " + ip + " " + domain);
            }
        });
        assertThat(misfits).isEmpty();
        assertThat(methods).containsExactlyInAnyOrder("PLAIN", "LOGIN", "XOAUTH2");
        assertThat(rows[0]).isEqualTo(result.withMessageId());
        assertThat(rows[2]).isPositive();
        Map<Integer, List<String>> names = new HashMap<>();
        cache.read(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT kind, value FROM smtp_name ORDER BY value")) {
                while (rs.next()) {
                    names.computeIfAbsent(rs.getInt(1), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
            return null;
        });
        assertThat(names.get(SmtpStore.NameKind.SERVER.ordinal())).containsExactly("smtp1", "smtp2");
    }

    @Test
    void demoDataReplacesTheSmtpDataOfAnEarlierDemoButNeverImportedData() throws Exception {
        try (Cache c = Cache.open(dir.resolve("demo.db"))) {
            c.write(conn -> {
                new SmtpDemo(3, SmtpDemo.Size.SMALL).write(conn, message -> { });
                Cache.writeMeta(conn, Cache.META_DEMO, "seed=3 scale=small");
                return null;
            });
            DemoGenerator.Result r = new DemoGenerator(42, DemoGenerator.Scale.SMALL).fill(c);
            assertThat(r.smtp()).isEqualTo(result);
            assertThat(new SmtpStore(c).totalSubmissions()).isEqualTo(result.submissions());
        }
        try (Cache imported = SmtpFixtures.smallSmtpCache(dir)) {
            String before = digest(imported);
            assertThatThrownBy(() -> new DemoGenerator(42, DemoGenerator.Scale.SMALL).fill(imported))
                    .isInstanceOf(DemoGenerator.DemoRefusedException.class);
            assertThat(digest(imported)).isEqualTo(before);
            assertThat(imported.isDemo()).isFalse();
        }
    }

    @Test
    void aReportWhoseOutputFailsStopsReadingAndLeavesTheCacheUsable() throws Exception {
        SmtpStore store = new SmtpStore(cache);
        DayWindow all = DayWindow.endingOn(DemoGenerator.LAST_DAY, 120);
        long[] seen = new long[1];
        assertThatThrownBy(() -> store.report(all, (day, sender, domain, method, ip, tls, cipher, count, messageId) -> {
            if (++seen[0] == 10_000) {
                throw new java.io.IOException("disk full");
            }
        })).isInstanceOf(java.io.IOException.class).hasMessage("disk full");
        long rows = store.report(all, (day, sender, domain, method, ip, tls, cipher, count, messageId) -> { });
        assertThat(rows).isGreaterThan(50_000);
        assertThat(store.summary(LAST_7).senders()).isEqualTo(week.senders());
    }

    /** A digest of everything the demo wrote: the detailed report of all days and the failures. */
    private static String digest(Cache c) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        new SmtpStore(c).report(DayWindow.endingOn(DemoGenerator.LAST_DAY, 400), (day, sender, domain, method, ip, tls, cipher,
                count, messageId) -> md.update(String.join(",", Long.toString(day), sender, domain, method, ip, tls.token(), cipher,
                Long.toString(count), messageId, "\n").getBytes(StandardCharsets.UTF_8)));
        c.read(conn -> {
            try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT f.day, a.address, f.count FROM "
                    + "smtp_auth_failure f JOIN smtp_account a ON a.id = f.account_id ORDER BY f.day, a.address")) {
                while (rs.next()) {
                    md.update((rs.getLong(1) + "," + rs.getString(2) + "," + rs.getLong(3) + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
            return null;
        });
        return java.util.HexFormat.of().formatHex(md.digest());
    }
}
