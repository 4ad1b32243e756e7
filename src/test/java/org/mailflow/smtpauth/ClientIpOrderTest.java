package org.mailflow.smtpauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailflow.model.DayWindow;

/**
 * The Client IPs table is in the order of messages, then failures (most first), then address as
 * text (String.compareTo), also where the report compares addresses by a packed prefix first.
 */
class ClientIpOrderTest {
    @Test
    void ipsWithTheSameFiguresAreInTheOrderOfTheirAddressesAsText() {
        List<String> addresses = List.of("10.0.0.1", "10.0.0.10", "10.0.0.2", "1.2", "1.2.3.4", "1.2.3.40", "1.2.3.4 ", "2001:db8::1",
                "2001:db8::10", "192.0.2.255", "192.0.2.25", "9", "a\u0000b", "a", "a\u0000", "\u00e9x", "\u0100x", "\u00ffx", "unknown",
                "203.0.113.7", "203.0.113.70", "203.0.113.700", "217.6.0.19", "217.6.0.9", "217.6.0.190",
                "2001:db8:85a3::8a2e:370:7334", "2001:db8:85a3::8a2e:370:733", "2001:db8:85a3::8a2e:370:7335", "2001:db8:85a3::8a2e");
        long day = LocalDate.of(2026, 11, 1).toEpochDay();
        SmtpDataset.Builder b = SmtpDataset.builder();
        int domain = b.domain("example.org");
        int method = b.method("PLAIN");
        for (int k = 0; k < addresses.size(); k++) {
            int account = b.account("user" + k + "@example.org");
            b.entry(day, account, domain, method, b.ip(addresses.get(k)), TlsVersion.TLS1_3, 3, 0, -1, -1);
        }
        int heavy = b.account("heavy@example.org");
        b.entry(day, heavy, domain, method, b.ip("198.51.100.9"), TlsVersion.TLS1_3, 50, 0, -1, -1);
        SmtpDataset d = b.build();
        ReportData r = SmtpReport.compute(d, ReportFilter.all(DayWindow.endingOn(LocalDate.ofEpochDay(day), 7)));
        List<String> expected = new ArrayList<>(addresses);
        expected.sort(String::compareTo);
        expected.add(0, "198.51.100.9"); // the most messages first
        assertThat(r.ips()).extracting(IpTotals::address).containsExactlyElementsOf(expected);
    }
}
