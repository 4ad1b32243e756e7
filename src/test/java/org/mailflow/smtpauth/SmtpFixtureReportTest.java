package org.mailflow.smtpauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailflow.cache.Cache;
import org.mailflow.cache.SmtpStore;
import org.mailflow.model.DayWindow;
import org.mailflow.testing.SmtpFixtures;

/** The report of the hand-made fixture, figure by figure as computed in {@link SmtpFixtures}. */
class SmtpFixtureReportTest {
    @TempDir
    Path dir;

    @Test
    void sevenDayReportMatchesTheHandComputedFigures() throws Exception {
        try (Cache cache = SmtpFixtures.smallSmtpCache(dir)) {
            SmtpDataset d = new SmtpStore(cache).load();
            ReportData r = SmtpReport.compute(d, ReportFilter.all(DayWindow.endingOn(SmtpFixtures.AS_OF, 7)));
            assertThat(r.messages()).isEqualTo(402);
            assertThat(r.senders()).isEqualTo(6);
            assertThat(r.legacySenders()).isEqualTo(2);
            assertThat(r.tlsTotal(TlsVersion.TLS1_2)).isEqualTo(381);
            assertThat(r.tlsTotal(TlsVersion.NONE)).isEqualTo(5);
            assertThat(r.rows()).extracting(SenderTotals::address).containsExactly("mallory@contoso.example",
                    "quiet@contoso.example", "alice@contoso.example", "printer@contoso.example", "scanner", "bob@fabrikam.example");
            assertThat(flags(r, "mallory@contoso.example")).containsExactly(SmtpFlag.BASIC_AUTH, SmtpFlag.VOLUME_SPIKE, SmtpFlag.MANY_IPS,
                    SmtpFlag.AUTH_FAILURES);
            assertThat(flags(r, "quiet@contoso.example")).containsExactly(SmtpFlag.BASIC_AUTH);
            assertThat(flags(r, "alice@contoso.example")).containsExactly(SmtpFlag.BASIC_AUTH);
            assertThat(flags(r, "printer@contoso.example")).containsExactly(SmtpFlag.LEGACY_TLS, SmtpFlag.BASIC_AUTH);
            assertThat(flags(r, "scanner")).containsExactly(SmtpFlag.LEGACY_TLS, SmtpFlag.BASIC_AUTH);
            assertThat(flags(r, "bob@fabrikam.example")).containsExactly(SmtpFlag.NEW_SENDER);
            assertThat(r.rows().get(4).domain()).isEqualTo("fabrikam.example");
            assertThat(r.volume()).extracting(ReportData.DomainSeries::domain).containsExactly("contoso.example", "fabrikam.example");

            SmtpStore.Summary s = new SmtpStore(cache).summary(DayWindow.endingOn(SmtpFixtures.AS_OF, 7));
            assertThat(s.senders()).isEqualTo(6);
            assertThat(s.legacySenders()).isEqualTo(2);
            assertThat(s.messages()).isEqualTo(402);
            assertThat(s.perDay()).containsExactly(3 + 2, 3 + 2 + 50, 3 + 2, 3 + 2 + 2, 3 + 2 + 10, 3 + 5, 3 + 300 + 4);
        }
    }

    private static List<SmtpFlag> flags(ReportData r, String address) {
        SenderTotals row = r.rows().stream().filter(x -> x.address().equals(address)).findFirst().orElseThrow();
        return java.util.Arrays.stream(SmtpFlag.values()).filter(row::has).toList();
    }
}
