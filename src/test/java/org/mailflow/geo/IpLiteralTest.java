package org.mailflow.geo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Address literals as Postfix and Exim log them, parsed without any name lookup (SPEC 2.6). */
class IpLiteralTest {
    @Test
    void dottedQuads() {
        assertThat(IpLiteral.parse("8.8.8.8")).containsExactly(8, 8, 8, 8);
        assertThat(IpLiteral.parse("255.255.255.255")).containsExactly(-1, -1, -1, -1);
        assertThat(IpLiteral.parse("0.0.0.0")).containsExactly(0, 0, 0, 0);
        assertThat(IpLiteral.parse(" 1.2.3.4 ")).containsExactly(1, 2, 3, 4);
        assertThat(IpLiteral.parse("[192.0.2.1]")).containsExactly(192, 0, 2, 1);
    }

    @Test
    void ipv6LiteralsInEveryLoggedForm() {
        byte[] google = {0x20, 0x01, 0x48, 0x60, 0x48, 0x60, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0x88, (byte) 0x88};
        assertThat(IpLiteral.parse("2001:4860:4860::8888")).containsExactly(google);
        assertThat(IpLiteral.parse("2001:4860:4860:0:0:0:0:8888")).containsExactly(google);
        assertThat(IpLiteral.parse("2001:4860:4860:0000:0000:0000:0000:8888")).containsExactly(google);
        assertThat(IpLiteral.parse("[2001:4860:4860::8888]")).containsExactly(google);
        assertThat(IpLiteral.parse("IPv6:2001:4860:4860::8888")).containsExactly(google);
        assertThat(IpLiteral.parse("[IPv6:2001:4860:4860::8888]")).containsExactly(google);
        assertThat(IpLiteral.parse("[ipv6:2001:4860:4860::8888]")).containsExactly(google);
        assertThat(IpLiteral.parse("2001:4860:4860::8888%eth0")).containsExactly(google);
        assertThat(IpLiteral.parse("2001:4860:4860::8888".toUpperCase())).containsExactly(google);
        assertThat(IpLiteral.parse("::")).hasSize(16).containsOnly(0);
        assertThat(IpLiteral.parse("::1")).hasSize(16).endsWith(1);
        assertThat(IpLiteral.parse("1::")).hasSize(16).startsWith(0, 1);
        assertThat(IpLiteral.parse("64:ff9b::192.0.2.33")).hasSize(16).endsWith(192, 0, 2, 33);
    }

    @Test
    void ipv4MappedAddressesAreIpv4() {
        assertThat(IpLiteral.parse("::ffff:8.8.8.8")).containsExactly(8, 8, 8, 8);
        assertThat(IpLiteral.parse("::FFFF:0808:0808")).containsExactly(8, 8, 8, 8);
        assertThat(IpLiteral.parse("[::ffff:10.1.2.3]")).containsExactly(10, 1, 2, 3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "unknown", "host.example", "localhost", "999.1.1.1", "1.2.3", "1.2.3.4.5", "1.2.3.",
            ".1.2.3", "1..2.3", "01.2.3.4", "1.2.3.04", "1.2.3.-4", "+1.2.3.4", "1.2.3.4/24", "1.2.3.4:25", "0x7f.0.0.1",
            "１.２.３.４", "2001:db8::1::1", "2001:db8:::1", ":2001:db8::1", "2001:db8::1:", "1:2:3:4:5:6:7",
            "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7::8", "12345::1", "g::1", "::ffff:1.2.3", "::1.2.3.4:5", "1.2.3.4::",
            "2001:db8::1%", "1.2.3.4%eth0", "[2001:db8::1", "IPv6:", "[]", "IPv6:1.2.3.4x"})
    void malformedTextIsNoAddress(String text) {
        assertThat(IpLiteral.parse(text)).isNull();
    }

    @Test
    void nullIsNoAddress() {
        assertThat(IpLiteral.parse(null)).isNull();
    }

    @Test
    void privateLoopbackLinkLocalAndCgnat() {
        for (String ip : new String[] {"10.0.0.1", "10.255.255.255", "127.0.0.1", "127.255.0.9", "172.16.0.1",
                "172.31.255.255", "192.168.1.1", "169.254.10.20", "100.64.0.1", "100.127.255.255", "::1", "fc00::1",
                "fd12:3456::1", "fe80::1", "febf::1", "::ffff:192.168.0.1"}) {
            assertThat(IpLiteral.isPrivate(IpLiteral.parse(ip))).as(ip).isTrue();
        }
        for (String ip : new String[] {"9.255.255.255", "11.0.0.1", "172.15.255.255", "172.32.0.1", "192.167.1.1",
                "169.253.1.1", "100.63.255.255", "100.128.0.1", "8.8.8.8", "::2", "fbff::1", "fec0::1", "2001:db8::1"}) {
            assertThat(IpLiteral.isPrivate(IpLiteral.parse(ip))).as(ip).isFalse();
        }
    }

    @Test
    void documentationRanges() {
        for (String ip : new String[] {"192.0.2.1", "198.51.100.7", "203.0.113.254", "2001:db8::1", "2001:db8:ffff::1",
                "3fff::1", "3fff:fff::1"}) {
            assertThat(IpLiteral.isDocumentation(IpLiteral.parse(ip))).as(ip).isTrue();
        }
        for (String ip : new String[] {"192.0.3.1", "198.51.101.1", "203.0.112.1", "2001:db9::1", "3fff:1000::1", "8.8.8.8"}) {
            assertThat(IpLiteral.isDocumentation(IpLiteral.parse(ip))).as(ip).isFalse();
        }
    }
}
