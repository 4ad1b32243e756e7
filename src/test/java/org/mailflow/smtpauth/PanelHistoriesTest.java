package org.mailflow.smtpauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mailflow.geo.Place;
import org.mailflow.model.DayWindow;

/** The data of the sender panel ({@link AccountHistory}) and of the IP panel ({@link IpHistory}) on a small hand-made week. */
class PanelHistoriesTest {
    static final LocalDate D0 = LocalDate.of(2026, 11, 12);
    static final long DAY = D0.toEpochDay();
    static final DayWindow WEEK = DayWindow.endingOn(D0, 7);

    private final SmtpDataset.Builder b = SmtpDataset.builder();

    private void sub(String account, int day, String method, String ip, long count, long recipients) {
        b.entry(DAY + day, b.account(account), b.domain("contoso.example"), b.method(method), b.ip(ip), TlsVersion.TLS1_2, count,
                recipients, -1, -1);
    }

    private SmtpDataset data() {
        Map<String, Place> places = Map.of(
                "192.0.2.1", new Place("192.0.2.1", Place.Kind.PUBLIC, "DE", "", Double.NaN, Double.NaN, 3320, "Deutsche Telekom AG"),
                "192.0.2.2", new Place("192.0.2.2", Place.Kind.PUBLIC, "US", "", Double.NaN, Double.NaN, 63949, "Akamai"),
                "10.0.0.5", Place.privateNetwork("10.0.0.5"));
        return b.build().locate(ip -> places.getOrDefault(ip, Place.unknown(ip)));
    }

    @Test
    void theSenderPanelHasMethodsProtocolsIpsWithPlacesCountriesAndRecipientsPerDay() {
        sub("a@contoso.example", -1, "XOAUTH2", "192.0.2.1", 6, 9);
        sub("a@contoso.example", 0, "LOGIN", "192.0.2.2", 3, 60);
        sub("a@contoso.example", 0, "XOAUTH2", "10.0.0.5", 1, 1);
        sub("a@contoso.example", -30, "PLAIN", "192.0.2.2", 100, 0); // before the window: not shown
        SmtpDataset d = data();
        AccountHistory h = AccountHistory.of(d, d.accountIndex("a@contoso.example").orElseThrow(), WEEK);
        assertThat(h.total()).isEqualTo(10);
        assertThat(h.perDay()).containsExactly(0, 0, 0, 0, 0, 6, 4);
        assertThat(h.recipientsPerDay()).containsExactly(0, 0, 0, 0, 0, 9, 61);
        assertThat(h.hasRecipients()).isTrue();
        assertThat(h.perProtocol()[AuthProtocol.OAUTH.ordinal()]).isEqualTo(7);
        assertThat(h.perProtocol()[AuthProtocol.BASIC.ordinal()]).isEqualTo(3);
        assertThat(h.methods()).containsExactly(new AccountHistory.Count("XOAUTH2", 7), new AccountHistory.Count("LOGIN", 3));
        assertThat(h.clientIps()).extracting(AccountHistory.IpCount::ip, c -> c.place().network(), AccountHistory.IpCount::count)
                .containsExactly(tuple("192.0.2.1", "AS3320 Deutsche Telekom AG", 6L), tuple("192.0.2.2", "AS63949 Akamai", 3L),
                        tuple("10.0.0.5", "", 1L));
        // the map's countries: private networks are no country
        assertThat(h.countries()).containsExactly(new AccountHistory.Count("DE", 6), new AccountHistory.Count("US", 3));
        assertThat(h.firstSeen()).isEqualTo(D0.minusDays(30));
        assertThat(h.lastSeen()).isEqualTo(D0);
    }

    @Test
    void theIpPanelListsTheAccountsThatSentOrFailedFromIt() {
        sub("a@contoso.example", 0, "LOGIN", "192.0.2.2", 3, 0);
        sub("b@contoso.example", -2, "LOGIN", "192.0.2.2", 1, 0);
        sub("b@contoso.example", -1, "LOGIN", "192.0.2.2", 1, 0);
        sub("c@contoso.example", 0, "LOGIN", "192.0.2.1", 50, 0); // another IP
        for (int k = 0; k < 5; k++) {
            b.failures(b.account("victim" + k + "@contoso.example"), DAY, b.ip("192.0.2.2"), 2);
        }
        b.failures(b.account("a@contoso.example"), DAY - 1, b.ip("192.0.2.2"), 4);
        SmtpDataset d = data();
        IpHistory h = IpHistory.of(d, "192.0.2.2", WEEK);
        assertThat(h.place().countryCode()).isEqualTo("US");
        assertThat(h.messages()).isEqualTo(5);
        assertThat(h.failures()).isEqualTo(14);
        assertThat(h.messagesPerDay()).containsExactly(0, 0, 0, 0, 1, 1, 3);
        assertThat(h.failuresPerDay()).containsExactly(0, 0, 0, 0, 0, 4, 10);
        assertThat(h.sprayDays()).containsExactly(D0);
        assertThat(h.accounts()).extracting(IpHistory.AccountRow::address, IpHistory.AccountRow::messages, IpHistory.AccountRow::failures,
                IpHistory.AccountRow::days).startsWith(tuple("a@contoso.example", 3L, 4L, 2), tuple("b@contoso.example", 2L, 0L, 2))
                .hasSize(7);
        IpHistory.AccountRow a = h.accounts().get(0);
        assertThat(a.firstDay()).isEqualTo(D0.minusDays(1));
        assertThat(a.lastDay()).isEqualTo(D0);
        assertThat(SmtpFlag.SPRAYED_IP.in(a.flags())).isTrue();
        assertThat(SmtpFlag.BASIC_AUTH.in(a.flags())).isTrue();
        assertThat(h.accounts().get(2).flags()).as("an account that only failed has no flags").isZero();
        assertThat(IpHistory.of(d, "203.0.113.99", WEEK).accounts()).isEmpty();
    }
}
