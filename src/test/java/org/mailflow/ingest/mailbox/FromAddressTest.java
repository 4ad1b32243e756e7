package org.mailflow.ingest.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SPEC 5, "Mailboxes": the sender is the address of {@code From:} read leniently, as real spam writes
 * it; display names are never the sender, and a {@code From:} without an address gives none.
 */
class FromAddressTest {
    /** {@code From:} values (as unfolded) and the sender each must give. */
    static Stream<Arguments> shapesWithAnAddress() {
        return Stream.of(
                Arguments.of("plain address", "news@shop.example", "news@shop.example"),
                Arguments.of("name and angle address", "Shop News <News@Shop.EXAMPLE>", "news@shop.example"),
                Arguments.of("quoted name", "\"Shop, Inc.\" <news@shop.example>", "news@shop.example"),
                Arguments.of("stray comma after a bare name", "Name , <a@b.example>", "a@b.example"),
                Arguments.of("unquoted name with a comma", "Doe, John <jd@x.example>", "jd@x.example"),
                Arguments.of("quoted address as the name, then a comma", "\"x@y.example\", <a@b.example>", "a@b.example"),
                Arguments.of("unquoted address as the name", "service@bank.example <phish@evil.example>", "phish@evil.example"),
                Arguments.of("quoted name holding an angle address", "\"PayPal <service@paypal.example>\" <phish@evil.example>",
                        "phish@evil.example"),
                Arguments.of("two angle addresses: the last", "PayPal <service@paypal.example> <phish@evil.example>", "phish@evil.example"),
                Arguments.of("base64 encoded name", "=?utf-8?B?U2hvcCDDnGJlciwgSW5jLg==?= <a@b.example>", "a@b.example"),
                Arguments.of("Q encoded name holding an @", "=?utf-8?Q?support@bank.example?= <a@b.example>", "a@b.example"),
                Arguments.of("quoted encoded name", "\"=?utf-8?q?Club_M=C3=BCller?=\" <club@mueller.example>", "club@mueller.example"),
                Arguments.of("two mailboxes: the first", "a@x.example, b@y.example", "a@x.example"),
                Arguments.of("two named mailboxes: the last in brackets (SPEC 5)", "A <a@x.example>, B <b@y.example>", "b@y.example"),
                Arguments.of("bare address as a name, stray comma, then brackets", "service@bank.example, <phish@evil.example>",
                        "phish@evil.example"),
                Arguments.of("quoted name, bare address", "\"Name\" a@b.example", "a@b.example"),
                Arguments.of("angle address, comment", "<a@b.example> (comment)", "a@b.example"),
                Arguments.of("angle address, comment with a comma", "<a@b.example> (Shop, Inc.)", "a@b.example"),
                Arguments.of("bare address, comment", "a@b.example (Name)", "a@b.example"),
                Arguments.of("comment holding an address first", "(x@y.example) a@b.example", "a@b.example"),
                Arguments.of("group syntax", "Sales Team: a@b.example, c@d.example;", "a@b.example"),
                Arguments.of("empty first mailbox of a group", "Undisclosed:; a@b.example", "a@b.example"),
                Arguments.of("unclosed quote", "\"Shop News <news@shop.example>", "news@shop.example"),
                Arguments.of("unclosed comment", "a@b.example (Name", "a@b.example"),
                Arguments.of("mailto in brackets", "Shop <mailto:News@Shop.example>", "news@shop.example"),
                Arguments.of("source route", "<@relay.example:a@b.example>", "a@b.example"),
                Arguments.of("name inside the brackets", "<Shop News news@shop.example>", "news@shop.example"),
                Arguments.of("blanks inside the brackets", "Shop < news@shop.example >", "news@shop.example"),
                Arguments.of("address literal", "root@[192.0.2.1]", "root@[192.0.2.1]"),
                Arguments.of("internationalised address", "Zoë <zoë@bücher.example>", "zoë@bücher.example"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("shapesWithAnAddress")
    void theSenderIsTheAddressNeverTheDisplayName(String shape, String from, String sender) {
        FromAddress.Result r = FromAddress.of(from);
        assertThat(r.problem()).isNull();
        assertThat(r.address()).isEqualTo(sender);
    }

    /** {@code From:} values that hold no address, and words the reason must contain. */
    static Stream<Arguments> shapesWithoutAnAddress() {
        return Stream.of(
                Arguments.of("a name only", "Name", "holds no address"),
                Arguments.of("empty", "", "holds no address (empty)"),
                Arguments.of("an encoded name only", "=?utf-8?B?UGF5UGFsIFNlcnZpY2U=?=", "holds no address"),
                Arguments.of("an encoded word holding an @", "=?utf-8?Q?support@bank.example?=", "holds no address"),
                Arguments.of("a quoted address only", "\"service@bank.example\"", "holds no address"),
                Arguments.of("brackets without an @", "<MAILER-DAEMON>", "holds no address"),
                Arguments.of("a comment only", "(a@b.example)", "holds no address"),
                Arguments.of("an empty group", "undisclosed-recipients:;", "holds no address"),
                Arguments.of("empty brackets", "Name <>", "holds no address"),
                Arguments.of("an @ without a domain", "Name <a@>", "holds no address"),
                Arguments.of("a control character in brackets", "Name <a\u0001b@x.example>", "control characters"),
                Arguments.of("a control character in a bare address", "a\u0000b@x.example", "control characters"),
                Arguments.of("a tab inside the address", "<a\t@x.example>", "control characters"),
                Arguments.of("an address too long to be one", "<" + "x".repeat(1000) + "@x.example>", "longer than 998"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapesWithoutAnAddress")
    void aFromWithoutAnAddressGivesNoSenderButAReason(String shape, String from, String reason) {
        FromAddress.Result r = FromAddress.of(from);
        assertThat(r.address()).isNull();
        assertThat(r.problem()).contains(reason).doesNotContain("\u0000").doesNotContain("\u0001");
    }

    @Test
    void aMessageWithoutFromHasNoSender() {
        assertThat(FromAddress.of(null).problem()).isEqualTo("no From: header");
    }

    @Test
    void theReasonQuotesALongValueCut() {
        assertThat(FromAddress.of("A very long display name that goes on and on without ever giving an address at all").problem())
                .isEqualTo("From: holds no address (\"A very long display name that goes on and on without ever gi…\")");
    }

    @Test
    void displayNamesAreDecodedForShowingOnly() {
        assertThat(FromAddress.displayName("=?UTF-8?B?SsO8cmdlbg==?= =?UTF-8?B?IE3DvGxsZXI=?= <j@x.example>")).isEqualTo("Jürgen Müller");
        assertThat(FromAddress.displayName("\"=?ISO-8859-1?Q?Fran=E7ois_Dupont?=\" <f@y.example>, o@z.example"))
                .isEqualTo("François Dupont");
        assertThat(FromAddress.displayName("a@b.example (Name)")).isEmpty();
    }
}
