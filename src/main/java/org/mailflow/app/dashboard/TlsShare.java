package org.mailflow.app.dashboard;

import org.mailflow.smtpauth.TlsVersion;

/**
 * One TLS version's part of the week's messages, for the flyout's bars and the card's chips: its name,
 * the count, the share (0-1), the text "share % (count)" and the chip's "name share % (count)", rounded
 * as the report rounds; {@code kind} is the style of its bar and chip ({@code legacy}, {@code modern} or
 * {@code unknown}).
 */
public record TlsShare(TlsVersion version, String name, long count, double share, String text, String chip, String kind) {
}
