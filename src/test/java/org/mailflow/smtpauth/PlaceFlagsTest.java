package org.mailflow.smtpauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mailflow.geo.Place;
import org.mailflow.model.DayWindow;

/**
 * The flags of SPEC 2.5 that issue 12 adds, on hand-computed cases at their boundaries:
 * {@code sprayed-ip} (4 vs 5 accounts), {@code new-country} (13 vs 14 days of history, the last 7
 * days of the window), {@code impossible-travel} (500 km, 1,000 km/h; same country on centroids),
 * {@code basic-auth} and the recipient {@code volume-spike}. Places come from a small table of
 * IPs, with city coordinates where a case needs exact distances.
 */
class PlaceFlagsTest {
    static final LocalDate D0 = LocalDate.of(2026, 11, 12);
    static final long DAY = D0.toEpochDay();
    static final String A = "a@contoso.example";

    /** IP → place; unknown IPs are unknown places. */
    private final Map<String, Place> places = new HashMap<>();
    private final SmtpDataset.Builder b = SmtpDataset.builder();

    private void city(String ip, String country, double lat, double lon) {
        places.put(ip, new Place(ip, Place.Kind.PUBLIC, country, "city of " + ip, lat, lon, 64496, "Example Net"));
    }

    private void country(String ip, String country) {
        places.put(ip, new Place(ip, Place.Kind.PUBLIC, country, "", Double.NaN, Double.NaN, 0, ""));
    }

    /** One submission of {@code account} at day offset {@code day} and second of day {@code second} from {@code ip}. */
    private void sub(String account, int day, long second, String ip, String method) {
        long epochDay = DAY + day;
        b.entry(epochDay, b.account(account), b.domain("contoso.example"), b.method(method), b.ip(ip), TlsVersion.TLS1_2, 1, 0,
                epochDay * 86_400 + second, epochDay * 86_400 + second);
    }

    private void sub(String account, int day, long second, String ip) {
        sub(account, day, second, ip, "XOAUTH2");
    }

    private SmtpDataset data() {
        return b.build().locate(ip -> places.getOrDefault(ip, Place.unknown(ip)));
    }

    private static DayWindow lastWeek() {
        return DayWindow.endingOn(D0, 7);
    }

    private static Optional<UnusualActivity.Finding> finding(SmtpDataset d, String account, SmtpFlag flag) {
        int a = d.accountIndex(account).orElseThrow();
        return UnusualActivity.findings(d, a, lastWeek()).stream().filter(f -> f.flag() == flag).findFirst();
    }

    private static boolean flagged(SmtpDataset d, String account, SmtpFlag flag) {
        int a = d.accountIndex(account).orElseThrow();
        boolean inTable = SmtpReport.compute(d, ReportFilter.all(lastWeek())).rows().stream()
                .filter(r -> r.address().equals(account)).allMatch(r -> r.has(flag));
        boolean inPanel = finding(d, account, flag).isPresent();
        assertThat(inTable).as("table and panel agree on %s", flag).isEqualTo(inPanel);
        return inPanel;
    }

    // ---- sprayed-ip ------------------------------------------------------------------------------

    private void failures(String ip, int day, int accounts) {
        for (int k = 0; k < accounts; k++) {
            b.failures(b.account("victim" + k + "@contoso.example"), DAY + day, b.ip(ip), 3);
        }
    }

    @Test
    void anIpThatFailedForFiveAccountsThatDayAndThenSubmittedIsSprayed() {
        failures("198.51.100.9", 0, 5);
        b.failures(b.account(""), DAY, b.ip("198.51.100.9"), 40); // unnamed failures never count as accounts
        sub(A, 0, 3600, "198.51.100.9", "LOGIN");
        SmtpDataset d = data();
        UnusualActivity.Finding f = finding(d, A, SmtpFlag.SPRAYED_IP).orElseThrow();
        assertThat(flagged(d, A, SmtpFlag.SPRAYED_IP)).isTrue();
        assertThat(f.day()).isEqualTo(D0);
        assertThat(f.evidence()).isEqualTo(new UnusualActivity.Spray("198.51.100.9", List.of("victim0@contoso.example",
                "victim1@contoso.example", "victim2@contoso.example", "victim3@contoso.example", "victim4@contoso.example")));
    }

    @Test
    void fourAccountsAreNotASprayNorAreFiveOnAnotherDayOrFromAnotherIp() {
        failures("198.51.100.9", 0, 4);
        b.failures(b.account(""), DAY, b.ip("198.51.100.9"), 400);
        failures("198.51.100.10", -1, 9); // the day before
        failures("198.51.100.11", 0, 9);  // another IP
        sub(A, 0, 3600, "198.51.100.9");
        sub(A, 0, 7200, "198.51.100.10");
        SmtpDataset d = data();
        assertThat(flagged(d, A, SmtpFlag.SPRAYED_IP)).isFalse();
    }

    @Test
    void theClientIpsPivotCountsFailuresAccountsFailedAndSprayDays() {
        failures("198.51.100.9", 0, 5);
        b.failures(b.account(""), DAY, b.ip("198.51.100.9"), 40);
        b.failures(b.account("victim0@contoso.example"), DAY - 1, b.ip("198.51.100.9"), 2);
        sub(A, 0, 3600, "198.51.100.9", "LOGIN");
        sub(A, -2, 3600, "192.0.2.1");
        sub("b@contoso.example", -2, 3600, "192.0.2.1");
        ReportData r = SmtpReport.compute(data(), ReportFilter.all(lastWeek()));
        assertThat(r.ips()).extracting(IpTotals::address, IpTotals::accounts, IpTotals::messages, IpTotals::failures,
                IpTotals::accountsFailed, IpTotals::sprayDays).containsExactly(
                org.assertj.core.groups.Tuple.tuple("192.0.2.1", 2L, 2L, 0L, 0L, 0),
                org.assertj.core.groups.Tuple.tuple("198.51.100.9", 1L, 1L, 5 * 3 + 40 + 2L, 5L, 1));
        assertThat(r.failures()).isEqualTo(57);
        assertThat(r.failuresPerBucket()[5]).isEqualTo(2);
        assertThat(r.failuresPerBucket()[6]).isEqualTo(55);
        assertThat(r.messagesPerBucket()[4]).isEqualTo(2);
    }

    // ---- new-country -----------------------------------------------------------------------------

    @Test
    void aCountryFirstSeenInTheLastSevenDaysAfterFourteenDaysOfHistoryIsNew() {
        country("192.0.2.1", "NL");
        country("198.51.100.7", "BR");
        sub(A, -20, 3600, "192.0.2.1"); // first day: 14 days before day -6
        sub(A, -6, 3600, "198.51.100.7");
        SmtpDataset d = data();
        UnusualActivity.Finding f = finding(d, A, SmtpFlag.NEW_COUNTRY).orElseThrow();
        assertThat(f.day()).isEqualTo(D0.minusDays(6));
        assertThat(f.evidence()).isEqualTo(new UnusualActivity.NewCountry("BR", "198.51.100.7", D0.minusDays(20)));
        assertThat(flagged(d, A, SmtpFlag.NEW_COUNTRY)).isTrue();
    }

    @Test
    void thirteenDaysOfHistoryAreTooFewAndACountryFirstSeenBeforeTheLastSevenDaysIsNotNew() {
        country("192.0.2.1", "NL");
        country("198.51.100.7", "BR");
        country("198.51.100.8", "AR");
        sub(A, -19, 3600, "192.0.2.1"); // 13 days before day -6
        sub(A, -6, 3600, "198.51.100.7");
        sub("b@contoso.example", -40, 3600, "192.0.2.1");
        sub("b@contoso.example", -7, 3600, "198.51.100.8"); // first seen the day before the last 7 days
        sub("b@contoso.example", 0, 3600, "198.51.100.8");
        sub("b@contoso.example", 0, 7200, "192.0.2.99"); // an IP of no known country is never a new country
        SmtpDataset d = data();
        assertThat(flagged(d, A, SmtpFlag.NEW_COUNTRY)).isFalse();
        assertThat(flagged(d, "b@contoso.example", SmtpFlag.NEW_COUNTRY)).isFalse();
    }

    @Test
    void withoutPlacesNoPlaceFlagIsRaised() {
        sub(A, -30, 3600, "192.0.2.1");
        sub(A, 0, 3600, "198.51.100.7");
        SmtpDataset d = b.build();
        int a = d.accountIndex(A).orElseThrow();
        assertThat(UnusualActivity.findings(d, a, lastWeek())).extracting(UnusualActivity.Finding::flag)
                .doesNotContain(SmtpFlag.NEW_COUNTRY, SmtpFlag.IMPOSSIBLE_TRAVEL);
    }

    // ---- impossible-travel -----------------------------------------------------------------------

    /** Two points on the equator {@code km} apart (1° of longitude is 111.195 km on a 6,371.0088 km sphere). */
    private void twoCities(double km) {
        city("192.0.2.1", "EC", 0, 0);
        city("192.0.2.2", "CO", 0, km / 111.19508);
    }

    @Test
    void fiveHundredAndOneKilometresInLessThanHalfAnHourIsImpossible() {
        twoCities(501);
        sub(A, -1, 36_000, "192.0.2.1");
        sub(A, -1, 36_000 + 1_800 - 60, "192.0.2.2"); // 501 km in 29 minutes: 1,037 km/h
        SmtpDataset d = data();
        UnusualActivity.Finding f = finding(d, A, SmtpFlag.IMPOSSIBLE_TRAVEL).orElseThrow();
        UnusualActivity.Travel t = (UnusualActivity.Travel) f.evidence();
        assertThat(t.fromIp()).isEqualTo("192.0.2.1");
        assertThat(t.toIp()).isEqualTo("192.0.2.2");
        assertThat(t.km()).isBetween(500.9, 501.1);
        assertThat(t.kmPerHour()).isBetween(1036.0, 1037.0);
        assertThat(t.toSecond() - t.fromSecond()).isEqualTo(1_740);
        assertThat(t.centroids()).isFalse();
        assertThat(f.day()).isEqualTo(D0.minusDays(1));
        assertThat(flagged(d, A, SmtpFlag.IMPOSSIBLE_TRAVEL)).isTrue();
    }

    @Test
    void justUnderTheSpeedOrTheDistanceIsPossible() {
        twoCities(501);
        sub(A, -1, 36_000, "192.0.2.1");
        sub(A, -1, 36_000 + 1_805, "192.0.2.2"); // 501 km in 30 min 5 s: 999.2 km/h
        SmtpDataset d = data();
        assertThat(flagged(d, A, SmtpFlag.IMPOSSIBLE_TRAVEL)).isFalse();

        PlaceFlagsTest near = new PlaceFlagsTest();
        near.twoCities(499);
        near.sub(A, -1, 36_000, "192.0.2.1");
        near.sub(A, -1, 36_000, "192.0.2.2"); // the same second, but only 499 km apart
        assertThat(flagged(near.data(), A, SmtpFlag.IMPOSSIBLE_TRAVEL)).isFalse();
    }

    @Test
    void theSameSecondFromTwoCountriesFarApartIsAnInfiniteSpeedAndAJourneyBeforeTheWindowIsNotShown() {
        twoCities(2_000);
        sub(A, -1, 50_000, "192.0.2.1");
        sub(A, -1, 50_000, "192.0.2.2");
        SmtpDataset d = data();
        UnusualActivity.Travel t = (UnusualActivity.Travel) finding(d, A, SmtpFlag.IMPOSSIBLE_TRAVEL).orElseThrow().evidence();
        assertThat(t.kmPerHour()).isInfinite();
        int a = d.accountIndex(A).orElseThrow();
        assertThat(UnusualActivity.findings(d, a, DayWindow.endingOn(D0.minusDays(2), 7))).extracting(UnusualActivity.Finding::flag)
                .doesNotContain(SmtpFlag.IMPOSSIBLE_TRAVEL);
    }

    @Test
    void onCentroidsTwoIpsOfOneCountryAreNeverCompared() {
        country("192.0.2.1", "US");
        country("192.0.2.2", "US");
        sub(A, -1, 36_000, "192.0.2.1");
        sub(A, -1, 36_001, "192.0.2.2");
        assertThat(flagged(data(), A, SmtpFlag.IMPOSSIBLE_TRAVEL)).isFalse();
    }

    @Test
    void onCentroidsTwoCountriesFarApartInMinutesAreImpossible() {
        country("192.0.2.1", "DE");
        country("192.0.2.2", "BR");
        sub(A, -1, 36_000, "192.0.2.1");
        sub(A, -1, 36_600, "192.0.2.2");
        UnusualActivity.Travel t = (UnusualActivity.Travel) finding(data(), A, SmtpFlag.IMPOSSIBLE_TRAVEL).orElseThrow().evidence();
        assertThat(t.centroids()).isTrue();
        assertThat(t.fromCountry()).isEqualTo("DE");
        assertThat(t.toCountry()).isEqualTo("BR");
        assertThat(t.km()).isGreaterThan(8_000);
    }

    @Test
    void submissionsWithoutATimeOfDayAreNeverComparedForTravel() {
        twoCities(2_000);
        b.entry(DAY - 1, b.account(A), b.domain("contoso.example"), b.method("LOGIN"), b.ip("192.0.2.1"), TlsVersion.TLS1_2, 5, 0, -1, -1);
        b.entry(DAY - 1, b.account(A), b.domain("contoso.example"), b.method("LOGIN"), b.ip("192.0.2.2"), TlsVersion.TLS1_2, 5, 0, -1, -1);
        assertThat(flagged(data(), A, SmtpFlag.IMPOSSIBLE_TRAVEL)).isFalse();
    }

    // ---- basic-auth and recipients ----------------------------------------------------------------

    @Test
    void oneBasicSubmissionInTheWindowFlagsBasicAuthAndLastBasicUseLooksBeforeTheWindow() {
        sub(A, -30, 3600, "192.0.2.1", "PLAIN");
        sub(A, -1, 3600, "192.0.2.1", "XOAUTH2");
        sub("b@contoso.example", -2, 3600, "192.0.2.1", "LOGIN");
        sub("b@contoso.example", -1, 3600, "192.0.2.1", "XOAUTH2");
        sub("c@contoso.example", -1, 3600, "192.0.2.1", "GSSAPI");
        SmtpDataset d = data();
        assertThat(flagged(d, A, SmtpFlag.BASIC_AUTH)).isFalse();
        assertThat(flagged(d, "b@contoso.example", SmtpFlag.BASIC_AUTH)).isTrue();
        assertThat(flagged(d, "c@contoso.example", SmtpFlag.BASIC_AUTH)).isFalse();
        ReportData r = SmtpReport.compute(d, ReportFilter.all(lastWeek()));
        SenderTotals a = r.rows().stream().filter(x -> x.address().equals(A)).findFirst().orElseThrow();
        assertThat(a.lastBasicUse()).contains(D0.minusDays(30));
        assertThat(SenderFilter.Column.BASIC.value(a)).isEqualTo("0.0");
        assertThat(SenderFilter.Column.OAUTH.value(a)).isEqualTo("100.0");
        SenderTotals bRow = r.rows().stream().filter(x -> x.address().equals("b@contoso.example")).findFirst().orElseThrow();
        assertThat(SenderFilter.Column.BASIC.value(bRow)).isEqualTo("50.0");
        assertThat(bRow.methods()).isEqualTo("LOGIN XOAUTH2");
        assertThat(bRow.lastBasicUse()).contains(D0.minusDays(2));
        assertThat(r.basicSenders()).isEqualTo(1);
        assertThat(r.protocolTotal(AuthProtocol.BASIC)).isEqualTo(1);
        assertThat(r.protocolTotal(AuthProtocol.OAUTH)).isEqualTo(2);
        assertThat(r.protocolTotal(AuthProtocol.OTHER)).isEqualTo(1);
    }

    private void recipients(int day, long recipients) {
        long epochDay = DAY + day;
        b.entry(epochDay, b.account(A), b.domain("contoso.example"), b.method("LOGIN"), b.ip("192.0.2.1"), TlsVersion.TLS1_2, 1,
                recipients, -1, -1);
    }

    @Test
    void moreThanFiveHundredRecipientsAboveFiveTimesTheMedianIsASpike() {
        for (int day = -14; day <= -1; day++) {
            recipients(day, 100); // median 100: the threshold is max(500, 500) = 500
        }
        recipients(0, 501);
        SmtpDataset d = data();
        UnusualActivity.Finding f = finding(d, A, SmtpFlag.VOLUME_SPIKE).orElseThrow();
        assertThat(f.evidence()).isEqualTo(new UnusualActivity.Spike(true));
        assertThat(f.value()).isEqualTo(501);
        assertThat(f.reference()).isEqualTo(100.0);

        PlaceFlagsTest exactly = new PlaceFlagsTest();
        for (int day = -14; day <= -1; day++) {
            exactly.recipients(day, 100);
        }
        exactly.recipients(0, 500);
        assertThat(flagged(exactly.data(), A, SmtpFlag.VOLUME_SPIKE)).isFalse();
    }
}
