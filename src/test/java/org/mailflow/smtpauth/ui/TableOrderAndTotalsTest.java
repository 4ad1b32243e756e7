package org.mailflow.smtpauth.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailflow.cache.Cache;
import org.mailflow.smtpauth.SenderTotals;
import org.mailflow.smtpauth.TlsVersion;
import org.mailflow.testing.SmtpFixtures;
import org.mailflow.ui.CacheSession;
import org.mailflow.ui.I18n;
import org.mailflow.ui.SyncTaskRunner;

/** The SMTP AUTH tables' orders (TableOrder) and the report's totals (ReportTotals), without a scene. */
class TableOrderAndTotalsTest {
    @TempDir
    Path dir;

    private static SenderTotals row(String address, long total, long tls10, int flags) {
        long[] perTls = new long[TlsVersion.values().length];
        perTls[TlsVersion.TLS1_0.code()] = tls10;
        return new SenderTotals(address.hashCode(), address, "x.example", perTls, total, flags);
    }

    @Test
    void aShareColumnSortsByShareThenByCountAndAnEmptyRowHasShareZero() {
        List<SenderTotals> rows = new ArrayList<>(List.of(row("half-of-10", 10, 5, 0), row("none", 0, 0, 0),
                row("all-of-1", 1, 1, 0), row("half-of-2", 2, 1, 0), row("tenth", 10, 1, 0)));
        rows.sort(TableOrder.byShare(r -> r.count(TlsVersion.TLS1_0)));
        assertThat(rows).extracting(SenderTotals::address).containsExactly("none", "tenth", "half-of-2", "half-of-10", "all-of-1");
    }

    @Test
    void moreFlagsSortAboveFewerWhateverTheirBits() {
        assertThat(TableOrder.flagsKey(0b11)).isGreaterThan(TableOrder.flagsKey(0b1000_0000));
        assertThat(TableOrder.flagsKey(0b100)).isGreaterThan(TableOrder.flagsKey(0b010)).isGreaterThan(TableOrder.flagsKey(0));
    }

    @Test
    void sendersThatNeverUsedBasicComeFirstThenByDay() {
        List<LocalDate> days = new ArrayList<>(Arrays.asList(LocalDate.of(2026, 11, 3), null, LocalDate.of(2026, 11, 1)));
        days.sort(TableOrder.lastBasicUse());
        assertThat(days).containsExactly(null, LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 3));
    }

    @Test
    void emptyTextsSortLastAndTheOthersIgnoreCase() {
        assertThat(Stream.of("", "beta", "Alpha", "").sorted(TableOrder.emptyLast()).toList()).containsExactly("Alpha", "beta", "", "");
    }

    @Test
    void theTotalsAreTheReportsFiguresAsShown() throws Exception {
        try (Cache cache = SmtpFixtures.smallSmtpCache(dir)) {
            SmtpAuthViewModel model = new SmtpAuthViewModel(new CacheSession(cache, false), new SyncTaskRunner(), new I18n(Locale.ENGLISH));
            model.reload();
            // SmtpFixtures: 402 messages of 6 senders in the 7 days, 2 of them on legacy TLS, all 6 flagged
            assertThat(model.totalsProperty().get()).isEqualTo(new ReportTotals("402", "6", "2 (33%)", "6"));
            assertThat(ReportTotals.of(model.reportProperty().get(), new I18n(I18n.ZH_TW)).messages()).isEqualTo("402");
        }
    }
}
