package org.mailflow.app;

import org.mailflow.ui.SyncTaskRunner;

import org.mailflow.ui.I18n;

import org.mailflow.ui.CacheSession;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailflow.app.dashboard.DashboardViewModel;
import org.mailflow.app.dashboard.ProtocolShare;
import org.mailflow.bulk.Policy;
import org.mailflow.bulk.ui.BulkInsightsViewModel;
import org.mailflow.cache.Cache;
import org.mailflow.cache.SmtpStore;
import org.mailflow.cli.MailflowCommand;
import org.mailflow.demo.DemoGenerator;
import org.mailflow.model.DayWindow;
import org.mailflow.smtpauth.AuthProtocol;
import org.mailflow.smtpauth.SenderTotals;
import org.mailflow.smtpauth.TlsVersion;
import org.mailflow.smtpauth.ui.SmtpAuthViewModel;

/**
 * Issue 14, item 4: on the demo cache, the Dashboard's cards and flyout, the SMTP AUTH report page, the
 * Bulk sender insights page and the command line ({@code smtp-auth summary}, {@code smtp-auth export},
 * {@code smtp-auth report}, {@code bulk table}) give the same figures for the same window: the
 * Dashboard's 7 days for SMTP AUTH, its 60 days at the Default threshold for bulk mail. Each figure is
 * computed through each path (view models with a synchronous runner, the command's output parsed).
 */
class CountsAgreeTest {
    @TempDir
    static Path dir;

    private static Path file;
    private static Cache cache;
    private static CacheSession session;
    private static DashboardViewModel dashboard;
    private static SmtpStore.Summary card;
    private static DayWindow week;

    @BeforeAll
    static void demo() throws Exception {
        file = dir.resolve("demo.db");
        cache = Cache.open(file);
        new DemoGenerator(42, DemoGenerator.Scale.SMALL).fill(cache);
        session = new CacheSession(cache, true);
        dashboard = new DashboardViewModel(session, new SyncTaskRunner(), new I18n(Locale.ENGLISH));
        dashboard.reload();
        card = dashboard.smtpSummaryProperty().get();
        week = card.window();
    }

    @AfterAll
    static void close() {
        dashboard.dispose();
        cache.close();
        // the suite runs in one JVM: a static field would keep the loaded windows for every later class
        dashboard = null;
        session = null;
        cache = null;
    }

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("--cache", file.toString()));
        all.addAll(List.of(args));
        int code = MailflowCommand.run(all.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
        assertThat(code).as(String.join(" ", args) + ": " + err).isZero();
        return out.toString();
    }

    private static Map<String, Long> keyValues(String out) {
        Map<String, Long> m = new HashMap<>();
        for (String token : out.split("\\s+")) {
            String[] kv = token.split("=", 2);
            if (kv.length == 2) {
                m.put(kv[0], Long.parseLong(kv[1]));
            }
        }
        return m;
    }

    /** The CSV's rows without the header, split on commas (the demo's addresses and numbers hold none). */
    private static List<String[]> csv(String out) {
        return out.lines().skip(1).filter(l -> !l.isBlank()).map(l -> l.split(",", -1)).toList();
    }

    private static long number(String text) {
        return Long.parseLong(text.replaceAll("[^0-9]", ""));
    }

    private static SmtpAuthViewModel reportPage() {
        SmtpAuthViewModel page = new SmtpAuthViewModel(session, new SyncTaskRunner(), new I18n(Locale.ENGLISH));
        page.reload();
        page.fromProperty().set(week.first());
        page.toProperty().set(week.last());
        assertThat(page.reportProperty().get().filter().window()).isEqualTo(week);
        return page;
    }

    @Test
    void theSmtpAuthFiguresOfDashboardFlyoutReportPageAndCommandLineAgree() {
        assertThat(card.senders()).isGreaterThan(100);
        // Dashboard card and flyout
        long cardSenders = number(dashboard.smtpSendersProperty().get());
        long flyoutMessages = dashboard.protocolSharesProperty().get().stream().mapToLong(ProtocolShare::count).sum();
        String flyoutBasic = dashboard.flyoutBasicAccountsProperty().get();
        long cardUnusual = number(dashboard.smtpUnusualProperty().get());

        // The report page over the same 7 days
        SmtpAuthViewModel page = reportPage();
        List<SenderTotals> rows = page.reportProperty().get().rows();
        Set<Integer> accounts = new HashSet<>();
        Set<Integer> legacy = new HashSet<>();
        Set<Integer> basic = new HashSet<>();
        Set<Integer> unusual = new HashSet<>();
        long messages = 0;
        for (SenderTotals r : rows) {
            accounts.add(r.account());
            messages += r.total();
            if (Arrays.stream(TlsVersion.values()).anyMatch(t -> t.legacy() && r.count(t) > 0)) {
                legacy.add(r.account());
            }
            if (r.count(AuthProtocol.BASIC) > 0) {
                basic.add(r.account());
            }
            if (r.unusual()) {
                unusual.add(r.account());
            }
        }
        assertThat(rows.size()).as("the demo has accounts under more than one sender domain").isGreaterThan(accounts.size());

        // smtp-auth summary, export and report over the same days
        Map<String, Long> summary = keyValues(run("smtp-auth", "summary", "--as-of", week.last().toString()));
        List<String[]> volume = csv(run("smtp-auth", "export", "--pivot", "volume", "--from", week.first().toString(),
                "--to", week.last().toString()));
        List<String[]> detailed = csv(run("smtp-auth", "report", "--from", week.first().toString(), "--to", week.last().toString()));

        long senders = accounts.size();
        assertThat(cardSenders).isEqualTo(senders);
        assertThat(card.senders()).isEqualTo(senders);
        assertThat(summary.get("senders")).isEqualTo(senders);
        assertThat(volume.stream().map(c -> c[0]).distinct().count()).isEqualTo(senders);
        assertThat(detailed.stream().map(c -> c[1]).distinct().count()).isEqualTo(senders);
        I18n en = new I18n(Locale.ENGLISH);
        assertThat(page.countTextProperty().get()).isEqualTo(en.number(rows.size()) + " rows — " + en.number(senders) + " accounts");

        assertThat(volume).hasSize(rows.size());
        assertThat(flyoutMessages).isEqualTo(messages);
        assertThat(card.messages()).isEqualTo(messages);
        assertThat(summary.get("messages")).isEqualTo(messages);
        assertThat(volume.stream().mapToLong(c -> Long.parseLong(c[2])).sum()).isEqualTo(messages);
        assertThat(detailed.stream().mapToLong(c -> Long.parseLong(c[7])).sum()).isEqualTo(messages);

        assertThat(card.legacySenders()).isEqualTo(legacy.size());
        assertThat(summary.get("legacy_tls_senders")).isEqualTo(legacy.size());
        assertThat(dashboard.smtpLegacyProperty().get()).startsWith(legacy.size() + " of them");

        assertThat(card.basicSenders()).isEqualTo(basic.size());
        assertThat(summary.get("basic_auth_senders")).isEqualTo(basic.size());
        assertThat(flyoutBasic).isEqualTo("Accounts on Basic authentication: " + basic.size() + " of " + senders);

        assertThat(cardUnusual).isEqualTo(unusual.size());
        page.dispose();
    }

    @Test
    void theCountOfTheDetailsTableSaysRowsAndAccountsInBothLanguages() {
        SmtpAuthViewModel page = reportPage();
        List<SenderTotals> rows = page.reportProperty().get().rows();
        long accounts = rows.stream().mapToInt(SenderTotals::account).distinct().count();
        I18n english = new I18n(Locale.ENGLISH);
        assertThat(page.countTextProperty().get()).isEqualTo(english.number(rows.size()) + " rows — " + english.number(accounts) + " accounts");
        String first = rows.get(0).address();
        page.searchProperty().set(first);
        long shown = page.sortedRows().size();
        assertThat(page.countTextProperty().get()).isEqualTo(shown + " of " + english.number(rows.size()) + " rows — 1 account");
        page.dispose();

        I18n zh = new I18n(I18n.ZH_TW);
        assertThat(zh.format("smtp.table.countAll", 285, 284)).isEqualTo("285 列 — 284 個帳戶");
        assertThat(zh.format("smtp.table.count", 1, 285, 1)).isEqualTo("285 列中的 1 列 — 1 個帳戶");
        I18n en = new I18n(Locale.ENGLISH);
        assertThat(en.format("smtp.table.countAll", 1, 1)).isEqualTo("1 row — 1 account");
        assertThat(en.format("smtp.table.count", 0, 285, 0)).isEqualTo("0 of 285 rows — no accounts");
    }

    @Test
    void theBulkFiguresOfDashboardBulkPageAndCommandLineAgree() {
        BulkInsightsViewModel page = new BulkInsightsViewModel(session, new SyncTaskRunner(), new I18n(Locale.ENGLISH));
        page.reload();
        var result = page.resultProperty().get();
        assertThat(result.params().current()).isEqualTo(Policy.DEFAULT.threshold());
        DayWindow window = result.dataset().window();
        assertThat(dashboard.bulkWindowProperty().get()).isEqualTo(window.label(Locale.ENGLISH));

        long pageMessages = page.deliveredCurrentProperty().get() + page.identifiedCurrentProperty().get();
        long pageIdentified = page.identifiedCurrentProperty().get();
        List<String[]> table = csv(run("bulk", "table", "--current", Integer.toString(Policy.DEFAULT.threshold()),
                "--days", Integer.toString(window.days()), "--as-of", window.last().toString()));
        long cliMessages = table.stream().mapToLong(c -> Long.parseLong(c[1])).sum();
        long cliIdentified = table.stream().mapToLong(c -> Long.parseLong(c[3])).sum();
        long cardMessages = number(dashboard.bulkMessagesProperty().get());
        long[] identifiedBars = dashboard.barsProperty().get().identified();

        assertThat(cardMessages).isGreaterThan(0).isEqualTo(pageMessages).isEqualTo(cliMessages);
        assertThat(Arrays.stream(identifiedBars).sum()).isEqualTo(pageIdentified).isEqualTo(cliIdentified);
        assertThat(number(dashboard.bulkSendersProperty().get())).isEqualTo(result.dataset().tableSize());
        assertThat(page.countTextProperty().get()).endsWith(" of " + new I18n(Locale.ENGLISH).number(result.dataset().tableSize()) + " senders");
        page.dispose();
    }
}
