package org.mailflow.smtpauth.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.mailflow.model.DayWindow;

/** The Client IPs table's IP order and the panels' day axes. */
class IpTableTest {
    @Test
    void ipv4AddressesSortByTheirNumbersBeforeIpv6AndTheUnknownIp() {
        List<String> sorted = Stream.of("(unknown)", "10.0.0.10", "2001:db8::1", "10.0.0.9", "192.0.2.1", "9.255.0.1")
                .sorted(Comparator.comparing(TableOrder::ipKey)).toList();
        assertThat(sorted).containsExactly("9.255.0.1", "10.0.0.9", "10.0.0.10", "192.0.2.1", "2001:db8::1", "(unknown)");
    }

    @Test
    void shortWindowsNumberTheirDaysAndLongerOnesStayUniquePerDay() {
        assertThat(DayAxis.categories(DayWindow.endingOn(java.time.LocalDate.of(2026, 11, 2), 4))).containsExactly("30", "31", "1", "2");
        List<String> month = DayAxis.categories(DayWindow.endingOn(java.time.LocalDate.of(2026, 11, 30), 30));
        assertThat(month).hasSize(30).doesNotHaveDuplicates().startsWith("2026-11-01");
    }
}
