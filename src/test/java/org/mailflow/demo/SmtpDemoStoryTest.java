package org.mailflow.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailflow.cache.Cache;
import org.mailflow.cache.SmtpStore;
import org.mailflow.geo.GeoLookup;
import org.mailflow.geo.Place;
import org.mailflow.model.DayWindow;
import org.mailflow.smtpauth.AuthProtocol;
import org.mailflow.smtpauth.IpTotals;
import org.mailflow.smtpauth.ReportData;
import org.mailflow.smtpauth.ReportFilter;
import org.mailflow.smtpauth.SenderTotals;
import org.mailflow.smtpauth.SmtpDataset;
import org.mailflow.smtpauth.SmtpFlag;
import org.mailflow.smtpauth.SmtpReport;
import org.mailflow.smtpauth.TlsVersion;
import org.mailflow.smtpauth.UnusualActivity;

/**
 * The story the small demo tells about issue 12, read back from the cache as the page reads it:
 * people on OAuth and a tail of devices on Basic, a password spray that breaks into one account,
 * and a traveller who is not flagged.
 */
class SmtpDemoStoryTest {
    private static final DayWindow LAST_7 = DayWindow.endingOn(DemoGenerator.LAST_DAY, 7);

    @TempDir
    static Path dir;

    private static Cache cache;
    private static SmtpDemo.Story story;
    private static GeoLookup geo;
    private static SmtpDataset data;
    private static ReportData week;

    @BeforeAll
    static void generate() throws Exception {
        cache = Cache.open(dir.resolve("story.db"));
        SmtpDemo demo = new SmtpDemo(42, SmtpDemo.Size.SMALL);
        cache.write(c -> demo.write(c, message -> { }));
        story = demo.story();
        geo = GeoLookup.bundled();
        data = new SmtpStore(cache).load().locate(geo);
        week = SmtpReport.compute(data, ReportFilter.all(LAST_7));
    }

    @AfterAll
    static void close() {
        cache.close();
        // the suite runs in one JVM: a static field would keep the dataset for every later class
        cache = null;
        data = null;
        week = null;
        story = null;
        geo = null;
    }

    private static int account(String address) {
        return data.accountIndex(address).orElseThrow();
    }

    private static Set<SmtpFlag> flags(String address) {
        return UnusualActivity.findings(data, account(address), LAST_7).stream().map(UnusualActivity.Finding::flag)
                .collect(Collectors.toSet());
    }

    @Test
    void thePasswordSprayFailsForADozenPeopleThenBreaksIntoOneWithAPassword() {
        assertThat(story.sprayDay()).isEqualTo(DemoGenerator.LAST_DAY.minusDays(3));
        assertThat(story.sprayed()).hasSizeBetween(8, 30).contains(story.victim());
        List<UnusualActivity.Finding> findings = UnusualActivity.findings(data, account(story.victim()), LAST_7);
        UnusualActivity.Finding spray = findings.stream().filter(f -> f.flag() == SmtpFlag.SPRAYED_IP).findFirst().orElseThrow();
        assertThat(spray.day()).isEqualTo(story.sprayDay());
        UnusualActivity.Spray evidence = (UnusualActivity.Spray) spray.evidence();
        assertThat(evidence.ip()).isEqualTo(SmtpDemo.SPRAY_IP);
        assertThat(evidence.failedAccounts()).containsExactlyElementsOf(story.sprayed());
        // a Basic sign-in by someone who otherwise uses OAuth, and the spam burst
        UnusualActivity.Finding basic = findings.stream().filter(f -> f.flag() == SmtpFlag.BASIC_AUTH).findFirst().orElseThrow();
        assertThat(basic.day()).isEqualTo(story.sprayDay());
        UnusualActivity.Finding spike = findings.stream().filter(f -> f.flag() == SmtpFlag.VOLUME_SPIKE).findFirst().orElseThrow();
        assertThat(spike.day()).isEqualTo(story.sprayDay());
        assertThat(spike.value()).isGreaterThan(300);
        // neither many addresses nor many failures: the spray is what gives it away
        assertThat(flags(story.victim())).doesNotContain(SmtpFlag.MANY_IPS, SmtpFlag.AUTH_FAILURES, SmtpFlag.LEGACY_TLS);
        assertThat(week.rows().stream().filter(r -> r.has(SmtpFlag.SPRAYED_IP))).extracting(SenderTotals::address)
                .containsOnly(story.victim());
    }

    @Test
    void theSprayingAddressLeadsTheClientIpsPivotsFailures() {
        IpTotals spray = week.ips().stream().filter(t -> t.address().equals(SmtpDemo.SPRAY_IP)).findFirst().orElseThrow();
        assertThat(spray.sprayDays()).isEqualTo(1);
        assertThat(spray.accounts()).isEqualTo(1);
        assertThat(spray.accountsFailed()).isEqualTo(story.sprayed().size());
        assertThat(spray.failures()).isGreaterThan(story.sprayed().size());
        assertThat(week.ips()).allMatch(t -> t == spray || t.sprayDays() == 0);
    }

    @Test
    void mostOfPeoplesSubmissionsAreOAuthAndNoneUseLegacyTls() {
        Set<String> people = Set.copyOf(story.people());
        ReportData all = SmtpReport.compute(data, ReportFilter.all(DayWindow.endingOn(DemoGenerator.LAST_DAY, 120)));
        long oauth = 0;
        long total = 0;
        for (SenderTotals r : all.rows()) {
            if (people.contains(r.address())) {
                oauth += r.count(AuthProtocol.OAUTH);
                total += r.total();
                assertThat(r.has(SmtpFlag.LEGACY_TLS)).as(r.address()).isFalse();
            }
        }
        assertThat(total).isGreaterThan(all.messages() / 2);
        assertThat((double) oauth / total).isGreaterThanOrEqualTo(0.85);
        // a few stragglers still sign in with a password from an old mail client
        long stragglers = all.rows().stream().filter(r -> people.contains(r.address()) && r.has(SmtpFlag.BASIC_AUTH)
                && !r.address().equals(story.victim())).count();
        assertThat(stragglers).isBetween(3L, people.size() / 5L);
    }

    @Test
    void theBasicTailIsDevicesAndServicesSomeOnLegacyTls() {
        Set<String> people = Set.copyOf(story.people());
        List<SenderTotals> basic = week.rows().stream().filter(r -> r.has(SmtpFlag.BASIC_AUTH) && !people.contains(r.address()))
                .toList();
        assertThat(basic).hasSizeGreaterThanOrEqualTo(15);
        List<SenderTotals> legacy = basic.stream().filter(r -> r.has(SmtpFlag.LEGACY_TLS)).toList();
        assertThat(legacy).hasSizeGreaterThanOrEqualTo(8);
        assertThat(legacy).allMatch(r -> r.count(TlsVersion.TLS1_0) + r.count(TlsVersion.TLS1_1) + r.count(TlsVersion.NONE) > 0);
        assertThat(legacy).extracting(SenderTotals::address).anyMatch(a -> a.startsWith("mfp-") || a.startsWith("scanner-")
                || a.startsWith("printer-") || a.startsWith("scan2mail-"));
    }

    @Test
    void theTravellerSendsFromAHotelAbroadInTheWindowWithoutPlaceFlags() throws Exception {
        assertThat(story.trips()).hasSize(2);
        SmtpDemo.Trip recent = story.trips().get(0);
        SmtpDemo.Trip earlier = story.trips().get(1);
        assertThat(LAST_7.contains(recent.from().toEpochDay())).isTrue();
        // the earlier trip, to the same country, is more than 14 days before: the country is not new
        assertThat(earlier.to()).isBefore(recent.from().minusDays(UnusualActivity.NEW_COUNTRY_HISTORY_DAYS));
        SmtpStore.AccountActivity week = new SmtpStore(cache).activity(story.traveller(), LAST_7, 10);
        assertThat(week.clientIps()).extracting(SmtpStore.Count::value).contains(recent.hotelIp());
        assertThat(flags(story.traveller())).doesNotContain(SmtpFlag.NEW_COUNTRY, SmtpFlag.IMPOSSIBLE_TRAVEL, SmtpFlag.SPRAYED_IP,
                SmtpFlag.VOLUME_SPIKE);
    }

    @Test
    void theVictimIsSeenInANewCountryAndTravelsImpossiblyFast() {
        List<UnusualActivity.Finding> findings = UnusualActivity.findings(data, account(story.victim()), LAST_7);
        UnusualActivity.Finding country = findings.stream().filter(f -> f.flag() == SmtpFlag.NEW_COUNTRY).findFirst().orElseThrow();
        assertThat(country.day()).isEqualTo(story.sprayDay());
        UnusualActivity.NewCountry where = (UnusualActivity.NewCountry) country.evidence();
        assertThat(where.countryCode()).isEqualTo("US");
        assertThat(where.ip()).isEqualTo(SmtpDemo.SPRAY_IP);
        UnusualActivity.Finding travel = findings.stream().filter(f -> f.flag() == SmtpFlag.IMPOSSIBLE_TRAVEL).findFirst().orElseThrow();
        assertThat(travel.day()).isEqualTo(story.sprayDay());
        UnusualActivity.Travel journey = (UnusualActivity.Travel) travel.evidence();
        assertThat(Set.of(journey.fromCountry(), journey.toCountry())).containsExactlyInAnyOrder("DE", "US");
        assertThat(journey.kmPerHour()).isGreaterThan(UnusualActivity.TRAVEL_KMH);
        // the traveller's Spain is no new country, and the trip no impossible journey
        assertThat(flags(story.traveller())).doesNotContain(SmtpFlag.NEW_COUNTRY, SmtpFlag.IMPOSSIBLE_TRAVEL);
        // the other compromised account of the week is flagged too, and nobody else
        assertThat(week.rows().stream().filter(r -> r.has(SmtpFlag.NEW_COUNTRY) || r.has(SmtpFlag.IMPOSSIBLE_TRAVEL))
                .map(SenderTotals::address).distinct()).hasSize(2).contains(story.victim());
    }

    @Test
    void theAddressesAreInTheNetworksTheDemoNames() throws Exception {
        assertThat(geo.lookup(SmtpDemo.SPRAY_IP)).extracting(Place::countryCode, Place::asn).containsExactly("US", 63949L);
        for (SmtpDemo.Trip trip : story.trips()) {
            assertThat(geo.lookup(trip.hotelIp())).extracting(Place::countryCode, Place::asn).containsExactly("ES", 3352L);
        }
        // every address people send from at home, in the office or on the phone is in Germany (the attackers' aside)
        DayWindow all = DayWindow.endingOn(DemoGenerator.LAST_DAY, 120);
        SmtpStore store = new SmtpStore(cache);
        for (String person : story.people()) {
            Set<SmtpFlag> flags = UnusualActivity.findings(data, account(person), all).stream().map(UnusualActivity.Finding::flag)
                    .collect(Collectors.toSet());
            if (person.equals(story.traveller()) || flags.contains(SmtpFlag.SPRAYED_IP) || flags.contains(SmtpFlag.MANY_IPS)) {
                continue;
            }
            for (SmtpStore.Count ip : store.activity(person, all, 100).clientIps()) {
                assertThat(geo.lookup(ip.value()).countryCode()).as(person + " " + ip.value()).isEqualTo("DE");
            }
        }
        // devices and services are on the private network
        assertThat(week.ips().stream().filter(t -> t.address().startsWith("10."))).isNotEmpty()
                .allMatch(t -> t.place().kind() == Place.Kind.PRIVATE);
    }
}
